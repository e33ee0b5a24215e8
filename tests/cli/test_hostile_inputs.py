"""Issue 11, second round: hostile inputs tried by someone who did not write the fixes (see the closing note).

Each test stands for a kind of input, tried through the shared reader that every command uses.
"""

import io
import json
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dltutor.cli import app
from tests.quiz.helpers import make_course

runner = CliRunner()
GOOD = "learner: ann\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
def test_a_fifo_in_a_class_folder_is_reported_not_waited_on(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "good.yaml").write_text(GOOD)
    os.mkfifo(klass / "pipe.yaml")  # opening it for reading would wait forever for a writer
    signal.alarm(20)  # a regression fails the test instead of hanging the suite
    try:
        result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(klass)])
    finally:
        signal.alarm(0)
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [r["learner"] for r in report["results"]] == ["ann"]
    [error] = report["errors"]
    assert error["file"].endswith("pipe.yaml") and "not a regular file" in error["error"]


def _export(tmp_path):
    from dltutor.progress import open_store
    from tests.progress.helpers import attempt

    store = open_store(tmp_path / "one")
    attempt(store, "a", passed=True, score=2.0, learner="ada")
    path = tmp_path / "p.json"
    store.export(path)
    return path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new,message", [
    ('"learner": "ada"', '"learner": "\\ud800ada"', "surrogate"),  # lone high half
    ('"learner": "ada"', '"learner": "ada\\udfff"', "surrogate"),  # lone low half
    ('"version": 1', '"version": 1' + "0" * 5000, "5,001 digits"),  # int() would raise past 4,300 digits
    ('"version": 1', '"version": 1' + "0" * 19, "20 digits"),  # SQLite integers end at 2**63
])
def test_progress_import_refuses_unkeepable_json_values(tmp_path, old, new, message):
    path, text = _export(tmp_path)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(app, ["progress", "import", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and message in result.stderr, result.output
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_progress_import_keeps_a_valid_surrogate_pair(tmp_path):
    path, text = _export(tmp_path)
    path.write_text(text.replace('"learner": "ada"', '"learner": "ada \\ud83e\\udd16"'), encoding="utf-8")
    result = runner.invoke(app, ["progress", "import", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("doc", [
    '{"learner": "\\ud800", "lesson": "other", "answers": {}}',
    '{"lesson": "other", "answers": {"other-q1": "b\\udc00"}}',
])
def test_answer_json_with_a_lone_surrogate_is_one_line_not_a_crash(tmp_path, doc):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "a.json"
    f.write_text(doc, encoding="ascii")
    for args in (["quiz", "other", "--answers", str(f)], ["grade", "--format", "csv", str(f)]):
        result = runner.invoke(app, ["--lessons", str(lessons), *args])
        assert result.exit_code == 2 and not isinstance(result.exception, UnicodeError), result.output
        assert f"{f}: text holds \\u" in result.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]\\/=@#:bold ikfre", max_size=16))
def test_outside_text_in_markup_reads_as_written_in_every_position(text):
    from rich.console import Console

    from dltutor.cli.console import safe

    for template, expected in (("{}", "{}"), ("[bold]{}[/]", "{}"), ("[bold]x {}[/] [dim]y[/]", "x {} y"),
                               ("{} [bold cyan]›[/] {}", "{} › {}")):
        console = Console(emoji=False, width=200, color_system=None, file=io.StringIO())  # as the CLI's
        console.print(template.replace("{}", safe(text)), highlight=False, end="")
        shown = console.file.getvalue()
        assert shown == expected.replace("{}", text)


def test_a_file_name_with_a_newline_stays_on_its_one_error_line(tmp_path, monkeypatch):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "good.yaml").write_text(GOOD)
    (klass / "two\nlines.yaml").write_text("lesson: other\nanswers: {other-q1: zz}\n")
    (klass / "ok\nname.yaml").write_text(GOOD.replace("ann", "bo"))
    monkeypatch.chdir(tmp_path)  # short names, so the table shows them whole
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", "class"])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "two^Jlines.yaml:2: other-q1: 'zz' is not a choice" in line
    assert "│ class/ok^Jname.yaml │" in result.stdout


# --- the same characters typed at the prompt as written in the file ---------------------------

@pytest.fixture(scope="module")
def types_lesson(tmp_path_factory):
    from tests.quiz.helpers import load_types_lesson

    return load_types_lesson(tmp_path_factory.mktemp("types"))


WRITTEN = st.sampled_from(['"b"', "'b'", '"a, c"', "[a, c]", "['a', 'c']", '["a", "c"]', "[c, a, b]", '"true"',
                           "'no'", '"0.25"', "'1/4'", '"mode collapse"', "“mode collapse”", "'b' ", '"\'b\'"',
                           '""', "''", "[]", "[b]", '"a", "c"', "'it''s'", "[a, 'c']"]) \
    | st.text(alphabet="abc01./ ,'\"[]", min_size=1, max_size=9)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=WRITTEN, qid=st.sampled_from(["t-single", "t-multiple", "t-truefalse", "t-numeric", "t-text",
                                             "t-order"]))
def test_what_a_file_holds_typed_at_the_prompt_gets_the_same_grade(types_lesson, written, qid):
    """A learner copies `"b"` or `[a, c]` from an answer file to the prompt: same grade (a YAML error in the
    file, where the characters are not valid YAML, is the one allowed difference)."""
    from dltutor.quiz import AnswerError, AnswerFileError, check_answer, grade_question, parse_answer_sheet
    from dltutor.quiz.answers import check_sheet

    course, lesson = types_lesson
    question = lesson.quiz.question(qid)
    try:
        sheet = parse_answer_sheet(f"lesson: types\nanswers:\n  {qid}: {written}\n", "f.yaml")
    except AnswerFileError:
        return  # not YAML: the file gets a line-numbered error, the prompt is free to read it
    if qid == "t-text" and not isinstance(sheet.answers[qid], str):
        return  # `[a, c]` is a list in a file, refused for a text question; typed, it is a (wrong) phrase
    try:
        in_file = grade_question(question, check_sheet(sheet, lesson)[qid]).status
    except AnswerFileError:
        in_file = "refused"
    try:
        at_prompt = grade_question(question, check_answer(question, written)).status
    except AnswerError:
        at_prompt = "refused"
    assert at_prompt == in_file


# --- numbers: what NFKC would silently change ---------------------------------------------------

@pytest.mark.parametrize("text,value", [("½", 0.5), ("-½", -0.5), ("1⁄4", 0.25), ("1÷4", 0.25), ("３／４", 0.75),
                                        ("٢٨", 28.0), ("－３", -3.0)])
def test_fraction_characters_and_other_digits_read_as_their_value(text, value):
    from dltutor.content.scalars import parse_number

    assert parse_number(text) == value


@pytest.mark.parametrize("text,message", [("2⁸", "raised or lowered"), ("10⁻³", "raised or lowered"),
                                          ("x₂", "raised or lowered"), ("1½", "mixes digits"),
                                          ("2 ½", "mixes digits")])
def test_superscripts_and_mixed_fractions_are_refused_not_misread(text, message):
    """NFKC turns 2⁸ into 28 and 1½ into 11⁄2 (5.5): a silent wrong grade, so they are refused."""
    from dltutor.content.scalars import NumberError, parse_number

    with pytest.raises(NumberError, match=message):
        parse_number(text)


def test_ctrl_c_while_grading_a_class_says_so_in_one_line(tmp_path, monkeypatch):
    import dltutor.quiz as quiz

    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    for name in ("a", "b", "c"):
        (klass / f"{name}.yaml").write_text(GOOD)
    real, seen = quiz.grade_sheet, []

    def interrupted(sheet, course):
        seen.append(sheet)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(sheet, course)

    monkeypatch.setattr(quiz, "grade_sheet", interrupted)
    result = runner.invoke(app, ["--lessons", str(lessons), "grade", str(klass)])
    assert result.exit_code == 130 and result.stdout == ""
    assert result.stderr.strip() == "error: stopped with Ctrl-C before every file was graded; no report was written"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
def test_a_lesson_file_that_is_a_fifo_or_a_link_loop_is_named_for_what_it_is(tmp_path):
    from dltutor.content.loader import load_lesson

    fifo, loop = tmp_path / "01-fifo", tmp_path / "02-loop"
    fifo.mkdir()
    loop.mkdir()
    os.mkfifo(fifo / "lesson.md")
    (loop / "quiz.yaml").symlink_to("quiz.yaml")
    messages = [p.message for folder in (fifo, loop) for p in load_lesson(folder)[2]]
    assert messages == ["lesson file is not a regular file (a folder, FIFO or device)", "missing quiz file",
                        "missing lesson file", "quiz file is a broken link (or a loop of links)"]


def test_a_quiz_of_ten_thousand_questions_is_refused_on_its_line_without_blaming_aliases(tmp_path):
    from dltutor.content.yamlio import YamlError, parse_yaml

    text = "questions:\n" + "".join(f"  - {{id: q{i}, type: numeric, prompt: p, answer: {i}, explanation: e}}\n"
                                    for i in range(10_000))
    with pytest.raises(YamlError) as caught:
        parse_yaml(text)
    assert "split it" in caught.value.message and "alias" not in caught.value.message and caught.value.line > 9000


def test_prompt_on_an_ascii_console_takes_undecodable_bytes_as_a_retry(tmp_path):
    """PYTHONIOENCODING=ascii (or a cp1252 console) and a learner typing ２８: a retry, not UnicodeDecodeError."""
    import subprocess
    import sys
    from pathlib import Path

    lessons = make_course(tmp_path / "lessons")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "DLTUTOR_HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "dltutor", "--lessons", str(lessons), "quiz", "other"],
                          input="２８\nb\n4\n".encode(), capture_output=True, env=env, timeout=60)
    out = done.stdout.decode("ascii")
    assert "Traceback" not in done.stderr.decode() and "try again" in out and "Score 2/2" in out, out
    assert done.returncode == 0


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n", b"  \n\n"])
def test_an_empty_progress_export_says_it_is_empty(tmp_path, content):
    path = tmp_path / "p.json"
    path.write_bytes(content)
    result = runner.invoke(app, ["progress", "import", str(path)])
    assert result.exit_code == 2 and f"{path}: empty file, not a dltutor progress export" in result.stderr


def test_a_latin1_byte_is_reported_on_its_line_by_validate_and_grade(tmp_path):
    from dltutor.content.loader import load_meta
    from dltutor.quiz import AnswerFileError, read_answer_sheet

    lesson = tmp_path / "lesson.md"
    lesson.write_bytes(b"---\nid: h\ntitle: Jos\xe9\n---\ntext\n")
    [problem] = load_meta(lesson)[4]
    assert problem.line == 3 and "not UTF-8 text" in problem.message
    answers = tmp_path / "a.yaml"
    answers.write_bytes(b"learner: Jos\xe9\nlesson: other\nanswers: {}\n")
    with pytest.raises(AnswerFileError) as caught:
        read_answer_sheet(answers)
    assert str(caught.value).startswith(f"{answers}:1: not UTF-8 text")


def test_bidi_overrides_in_a_learner_name_are_shown_not_obeyed(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    f = tmp_path / "a.yaml"
    f.write_text('learner: "\\u202eevil\\u202c שלום"\nlesson: other\nanswers: {other-q1: b}\n', encoding="utf-8")
    for fmt in ("table", "csv", "junit"):
        result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", fmt, str(f)])
        shown = {"table": "<U+202E>",  # the table may wrap the rest
                 "csv": "<U+202E>evil<U+202C> שלום", "junit": "&lt;U+202E&gt;evil&lt;U+202C&gt; שלום"}[fmt]
        assert shown in result.stdout and "\u202e" not in result.stdout, fmt
