"""Issue 11 §3 and §5: text from files is shown as text by every command, on any console.

A course full of Rich markup, brackets, backslashes and ANSI escapes is rendered through
every CLI command; then the same commands run with a cp1252 and an ASCII stdout.
"""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.cli.console import console, err_console
from tests.content.helpers import make_lesson

runner = CliRunner()

TITLES = {
    "inst": "Fine-tuning with [/INST] prompts",
    "index": "Indexing tensors: x[i], x[b] and slices",
    "slash": "Paths like C:\\new\\[bold] and \\[escaped]",
    "ansi": "Red \x1b[31malert\x1b[0m and bell\x07",
}
ESC = "\x1b"

MD = """---
id: {id}
title: {title}
order: {order}
minutes: 5
objectives: [{title}, "[link](x) [/]"]
---

# {id}

Text with [red]markup[/red], x[i] and a \\[escape]. {ansi}

```python
print("[/INST]")
```
"""

QUIZ = """pass_mark: 0.5
questions:
  - id: {id}-q
    type: single
    prompt: {title}
    choices: {{a: "[bold]A[/bold]", b: "x[b] \\\\ {ansi}"}}
    answer: a
    explanation: "Because [/INST] {ansi}."
  - id: {id}-n
    type: numeric
    prompt: "How many? [i]"
    answer: 10
    explanation: "Ten [b]."
"""


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    root = tmp_path / "lessons"
    for n, (lid, title) in enumerate(TITLES.items(), 1):
        quoted = json.dumps(title)  # a YAML double-quoted string: \x1b as \u001b
        make_lesson(root, f"{n:02d}-{lid}", lid, order=n, md=MD.format(id=lid, title=quoted, order=n, ansi=ESC + "[2J"),
                    quiz=QUIZ.format(id=lid, title=quoted, ansi="\\e[2J"))
    (root / "99-[broken]").mkdir()  # a broken folder whose name is markup
    answers = tmp_path / "class"
    answers.mkdir()
    for lid in TITLES:
        (answers / f"{lid}.yaml").write_text(
            f'learner: "=HYPERLINK(\\"x\\") [red]{lid}[/red] \\e[31m"\nlesson: {lid}\nanswers: {{{lid}-q: a, {lid}-n: 010}}\n',
            encoding="utf-8")
    monkeypatch.setenv("DLTUTOR_LESSONS", str(root))
    monkeypatch.setattr(console, "width", 400)
    monkeypatch.setattr(err_console, "width", 400)
    return root, answers


def run(*args, input=None):
    result = runner.invoke(app, list(map(str, args)), input=input)
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit), \
        result.output
    return result


def shows_as_written(output: str) -> None:
    assert ESC not in output and "\x07" not in output, repr(output)


def test_list_and_progress_show_titles_as_written(hostile):
    for args in (["list"], ["progress"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        for lid in ("inst", "index"):
            assert TITLES[lid] in result.stdout, result.stdout
        assert "Red ^[[31malert^[[0m and bell^G" in result.stdout
        shows_as_written(result.output)
    assert "[broken]" in run("list").stdout


def test_validate_names_markup_folders_as_written(hostile):
    result = run("validate")
    assert result.exit_code == 1
    assert "99-[broken]" in result.stdout
    shows_as_written(result.output)


@pytest.mark.parametrize("lid", TITLES)
def test_lesson_print_template_and_quiz(hostile, lid, tmp_path):
    root, answers = hostile
    printed = run("lesson", lid, "--print")
    assert printed.exit_code == 0
    assert "[red]markup[/red]" in printed.stdout and 'print("[/INST]")' in printed.stdout
    shows_as_written(printed.output)
    template = run("quiz", lid, "--template")
    assert "x[b]" in template.stdout
    shows_as_written(template.output)
    asked = run("quiz", lid, input="b\n010\n")
    assert "[bold]A[/bold]" in asked.stdout and "Because [/INST]" in asked.stdout
    shows_as_written(asked.output)
    graded = run("quiz", lid, "--answers", answers / f"{lid}.yaml")
    assert graded.exit_code == 0, graded.output
    assert "Score 2/2" in graded.stdout
    shows_as_written(graded.output)
    as_json = run("quiz", lid, "--answers", answers / f"{lid}.yaml", "--json")
    assert json.loads(as_json.stdout)["learner"].startswith('=HYPERLINK("x") [red]')


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "junit"])
def test_grade_every_format(hostile, fmt):
    root, answers = hostile
    result = run("grade", "--format", fmt, answers)
    assert result.exit_code == 0, result.output
    assert "[red]inst[/red]" in result.stdout
    shows_as_written(result.stdout if fmt != "json" else result.stdout.replace("\\u001b", ""))


def test_progress_export_import_and_errors_with_markup_paths(hostile, tmp_path):
    root, answers = hostile
    run("quiz", "inst", "--answers", answers / "inst.yaml")
    out = tmp_path / "[x] export.json"
    exported = run("progress", "export", out)
    assert exported.exit_code == 0 and "[x] export.json" in exported.stdout
    imported = run("progress", "import", out)
    assert imported.exit_code == 0 and "[x] export.json" in imported.stdout
    missing = run("quiz", "[/INST]")
    assert missing.exit_code == 2 and "unknown lesson '[/INST]'" in missing.stderr
    bad = run("progress", "import", tmp_path / "[nope].json")
    assert bad.exit_code == 2 and "[nope].json" in bad.stderr


# --- consoles that cannot encode everything ----------------------------------------------------------

# Runs several commands in one interpreter (one start-up per encoding), each through main() as the
# `dltutor` script does; an exception other than SystemExit ends it with a traceback on stderr.
SEVERAL = """
import sys
from dltutor.cli import main
for args in {commands!r}:
    sys.argv = ["dltutor", *args]
    try:
        main()
    except SystemExit as exc:
        assert exc.code in (0, 1, None), (args, exc.code)
    sys.stdout.write("\\n=====\\n")
    sys.stdout.flush()
"""


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_narrow_console_degrades_and_the_attempt_is_saved(tmp_path, encoding):
    from tests.quiz.helpers import make_course

    lessons = make_course(tmp_path / "lessons")
    answers = tmp_path / "a.yaml"
    answers.write_text("learner: 王小明 ✓\nlesson: types\nanswers: {t-single: b, t-multiple: [a], t-numeric: 1/4}\n",
                       encoding="utf-8")
    commands = {"quiz": ["quiz", "types", "--answers", str(answers)],
                "json": ["quiz", "types", "--answers", str(answers), "--json"],
                "csv": ["grade", "--format", "csv", str(answers)], "table": ["grade", str(answers)],
                "progress": ["progress"], "list": ["list"]}
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONIOENCODING": encoding, "DLTUTOR_HOME": str(home), "PYTHONPATH": os.getcwd(),
           "DLTUTOR_LESSONS": str(lessons), "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-c", SEVERAL.format(commands=list(commands.values()))],
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr.decode()
    outputs = dict(zip(commands, proc.stdout.decode(encoding).split("\n=====\n")))
    assert "v right" in outputs["quiz"] and "Score 3/7" in outputs["quiz"]
    assert json.loads(outputs["json"])["learner"] == "王小明 ✓"  # lossless: \\u escapes
    assert "t-numeric" in outputs["csv"] and "???" in outputs["csv"]
    assert "failed" in outputs["table"] and "tries" in outputs["progress"] and "types" in outputs["list"]
    from dltutor.progress import open_store

    with open_store(home) as store:
        assert len(store.attempts("types")) == 2  # the plain and the --json grading were both saved


def test_closed_pipe_ends_quietly(tmp_path):
    proc = subprocess.run(f"{sys.executable} -m dltutor lesson cnn --print | head -c 10 >/dev/null", shell=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": os.getcwd(),
                                                    "DLTUTOR_HOME": str(tmp_path)}, timeout=60)
    assert proc.stderr == b""


def test_template_stays_a_valid_answer_file_whatever_the_texts(tmp_path):
    from dltutor.content import load_course
    from dltutor.quiz import answer_template, parse_answer_sheet

    quiz = QUIZ.format(id="t", title='"Line one\\nanswers: {evil: 1}\\n- x"', ansi="\\e[2J")
    make_lesson(tmp_path, "t", "t", md=MD.format(id="t", title='"Two\\nlines: [x]"', order=1, ansi=""), quiz=quiz)
    lesson = load_course(tmp_path).get("t")
    sheet = parse_answer_sheet(answer_template(lesson), "template.yaml")
    assert sheet.lesson == "t" and set(sheet.answers) == {"t-q", "t-n"}
