"""Issue 11 §7: every example in README.md that can run is run or validated, found generically.

* every ```yaml block with `answers:` is graded against the built-in course (ids must exist);
* every ```yaml block that is lesson front matter (`---` … `---`) validates as a lesson's header;
* every ```yaml block with `questions:` loads as a quiz file with no problems;
* every `dltutor …` command, in a ```sh block or in inline code, names commands that exist
  and options that the command's --help lists; cheap read-only commands are run.
"""

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dltutor.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = [(m.group(1), m.group(2), TEXT[: m.start()].count("\n") + 1)
          for m in re.finditer(r"^```(\w*)\n(.*?)^```", TEXT, re.S | re.M)]
CHEAP = {("list",), ("validate",), ("progress",)}  # read-only and without torch: run, not only --help
runner = CliRunner()


def _blocks(lang: str, marker: str) -> list[tuple[str, int]]:
    return [(body, line) for kind, body, line in BLOCKS if kind == lang and marker in body]


def _commands() -> list[tuple[list[str], int]]:
    """Every `dltutor …` invocation: lines of sh blocks (split at && | ;) and inline code spans."""
    found = []
    for kind, body, line in BLOCKS:
        if kind in ("sh", "bash", "console", "shell"):
            for n, text in enumerate(body.splitlines()):
                found += [(part, line + 1 + n) for part in re.split(r"&&|\|\|?|;", text)]
    fenced = [m.span() for m in re.finditer(r"^```.*?^```", TEXT, re.S | re.M)]
    for m in re.finditer(r"`(dltutor(?: [^`]*)?)`", TEXT):
        if not any(start <= m.start() < end for start, end in fenced):
            found.append((m.group(1).replace("\\|", "|").split(" | ")[0], TEXT[: m.start()].count("\n") + 1))
    commands = []
    for text, line in found:
        words = shlex.split(text.strip()) if text.strip().startswith("dltutor") else []
        if words and words[0] == "dltutor":
            commands.append((words[1:], line))
    return commands


def test_readme_has_examples_of_every_kind():
    assert _blocks("yaml", "answers:") and _blocks("yaml", "questions:") and _blocks("yaml", "\nid:")
    assert len(_commands()) >= 15


@pytest.mark.parametrize("body,line", _blocks("yaml", "answers:"), ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_answer_file_examples_grade_against_the_course(body, line):
    from dltutor.content import load_course
    from dltutor.quiz import grade_sheet, parse_answer_sheet
    from dltutor.settings import lessons_dir

    course = load_course(lessons_dir(None))
    result = grade_sheet(parse_answer_sheet(body, f"README.md:{line}"), course)  # raises on a bad id or answer
    answered = {q.id for q in result.questions if q.status != "unanswered"}
    assert answered == set(parse_answer_sheet(body, "README").answers)


@pytest.mark.parametrize("body,line", _blocks("yaml", "\nid:"), ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_front_matter_examples_validate(body, line):
    from dltutor.content.loader import split_front_matter
    from dltutor.content.models import LessonMeta
    from dltutor.content.yamlio import parse_yaml

    front, _, _ = split_front_matter(body)
    data, _ = parse_yaml(front)
    LessonMeta.model_validate(data)


@pytest.mark.parametrize("body,line", _blocks("yaml", "questions:"), ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_quiz_examples_load(body, line, tmp_path):
    from dltutor.content.loader import load_quiz

    if body.startswith("# quiz.zh.yaml"):  # a translation: checked against the bundled quiz it translates
        _check_quiz_translation(body, tmp_path)
        return
    path = tmp_path / "quiz.yaml"
    path.write_text(body, encoding="utf-8")
    quiz, problems = load_quiz(path)
    assert quiz is not None and not problems, [str(p) for p in problems]


def _check_quiz_translation(body: str, tmp_path):
    from dltutor.content import load_course
    from dltutor.content.translation import read_quiz_text
    from dltutor.settings import lessons_dir

    path = tmp_path / "quiz.zh.yaml"
    path.write_text(body, encoding="utf-8")
    texts, _, problems = read_quiz_text(path)
    assert texts and not problems, [str(p) for p in problems]
    course = load_course(lessons_dir(None), "en")
    known = {q.id for lesson in course.lessons for q in lesson.quiz.questions}
    assert set(texts) <= known, set(texts) - known


def _resolve(words: list[str]):
    """(click command, its path, options named) for `progress export FILE [--x]`; the first word must be a command."""
    import typer

    command, path = typer.main.get_command(app), []
    for word in words:
        if word in getattr(command, "commands", {}):
            command = command.commands[word]
            path.append(word)
        else:
            break
    unknown = words[len(path)] if len(path) < len(words) and hasattr(command, "commands") \
        and re.fullmatch(r"[a-z][a-z-]*", words[len(path)]) else None
    options = [o for word in words for o in re.findall(r"(--[a-z][a-z-]*)", word)]
    return command, path, unknown, options


@pytest.mark.parametrize("words,line", _commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else f"l{v}")
def test_documented_commands_and_options_exist(words, line):
    command, path, unknown, options = _resolve(words)
    where = f"README.md:{line}: dltutor {' '.join(words)}"
    assert unknown is None, f"{where}: no command '{unknown}'"
    names = {opt for param in command.params for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", [])}
    for option in options:
        assert option in names | {"--help"}, f"{where}: dltutor {' '.join(path)} has no {option}"
    assert runner.invoke(app, [*path, "--help"]).exit_code == 0, where
    if tuple(path) in CHEAP:
        ran = runner.invoke(app, path)
        assert ran.exit_code == 0, f"{where}: {ran.output}"
