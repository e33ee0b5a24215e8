import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from tests.quiz.helpers import make_course

runner = CliRunner()
ALL_RIGHT = "b\nc, a\nfalse\n0.25\nMode  Collapse\na b c d\n"


@pytest.fixture
def lessons(tmp_path):
    return str(make_course(tmp_path / "lessons"))


def quiz(lessons, *args, input=None):
    return runner.invoke(app, ["--lessons", lessons, "quiz", *args], input=input, terminal_width=200)


def attempts(lesson_id="types"):
    from dltutor.progress import open_store

    with open_store() as store:
        return store.attempts(lesson_id), store.marks(lesson_id)


# --- lesson lookup --------------------------------------------------------------------------------

def test_unknown_lesson_exits_2_with_suggestion_and_known_ids(lessons):
    result = quiz(lessons, "typs")
    assert result.exit_code == 2
    assert "unknown lesson 'typs' (did you mean 'types'?); known lessons: types, other" in result.output
    assert "Traceback" not in result.output


def test_missing_lessons_folder_is_usage_error(tmp_path):
    assert runner.invoke(app, ["--lessons", str(tmp_path / "no"), "quiz", "x"]).exit_code == 2


# --- interactive ----------------------------------------------------------------------------------

def test_interactive_all_right_passes_and_records(lessons):
    result = quiz(lessons, "types", "--learner", "ana", input=ALL_RIGHT)
    assert result.exit_code == 0, result.output
    assert result.output.count("✓ right") == 6
    assert "Score 7/7 (100%) — passed" in result.output and "Ideas to revisit" not in result.output
    (attempt,), marks = attempts()
    assert (attempt["score"], attempt["passed"], attempt["learner"]) == (7.0, True, "ana")
    assert attempt["answers"]["t-multiple"] == ["a", "c"] and len(attempt["results"]) == 6
    assert "quiz_passed" in marks["types"]


def test_interactive_hints_reasks_and_revisit_list(lessons):
    # '?' twice shows both hints then "No more hints"; 'z' and a list-y answer are re-asked, not graded.
    keys = "?\n?\n?\nz\nc\n" + "a\n" + "\n" + "0.5\n" + "overfitting\n" + "b a c d\n"
    result = quiz(lessons, "types", input=keys)
    out = result.output
    assert result.exit_code == 1, out
    assert "hint: Think: update and ..." in out and "hint: Not the LSTM." in out and "No more hints." in out
    assert "'z' is not a choice (choose from a, b, c) — try again" in out
    assert "✗ wrong" in out and "You answered c (Three); the answer is b (Two)." in out
    assert "◐ partly right (1/2)" in out and "· skipped" in out
    assert "Score 1.5/7 (21%) — not passed yet (pass mark 60%)" in out
    assert "Ideas to revisit" in out and "✗ Which gate count does a GRU have? → Update and reset\n" in out
    (attempt,), marks = attempts()
    assert attempt["passed"] is False and "types" not in marks


def test_end_of_input_stops_cleanly_keeping_answers(lessons):
    result = quiz(lessons, "types", input="b\na c\n")
    assert result.exit_code == 2, result.output
    assert "Stopped after 2 of 6 questions" in result.output and "Score 3/7" in result.output
    assert "Ideas to revisit" not in result.output  # both answers were right; unreached questions are not listed
    assert "Traceback" not in result.output
    (attempt,), _ = attempts()
    assert attempt["score"] == 3.0 and set(attempt["answers"]) == {"t-single", "t-multiple"}


def test_ctrl_c_stops_cleanly(lessons, monkeypatch):
    from dltutor.cli.app import console

    typed = iter(["b"])

    def fake_input(*args, **kwargs):
        try:
            return next(typed)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(console, "input", fake_input)
    result = quiz(lessons, "types")
    assert result.exit_code == 2
    assert "Stopped after 1 of 6 questions" in result.output and "Score 1/7" in result.output


def test_nothing_answered_records_nothing(lessons):
    result = quiz(lessons, "types", input="")
    assert result.exit_code == 2 and "Stopped after 0 of 6" in result.output
    assert attempts()[0] == []


# --- template and answer files --------------------------------------------------------------------

def test_template_round_trip(lessons, tmp_path):
    template = quiz(lessons, "types", "--template")
    assert template.exit_code == 0 and "lesson: types" in template.output
    filled = template.output.replace("  t-single:", "  t-single: b").replace("  t-multiple:", "  t-multiple: [a, c]") \
        .replace("  t-truefalse:", "  t-truefalse: false").replace("  t-numeric:", "  t-numeric: 0.25")
    path = tmp_path / "mine.yaml"
    path.write_text(filled, encoding="utf-8")
    result = quiz(lessons, "types", "--answers", str(path))
    assert result.exit_code == 0, result.output
    assert "Score 5/7 (71%) — passed" in result.output and "answer: b (Two)" in result.output


def test_answers_json_output_and_exit_1_when_failed(lessons, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"learner": "bo", "answers": {"t-single": "a"}}), encoding="utf-8")
    result = quiz(lessons, "types", "--answers", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["file"], data["learner"], data["lesson"], data["score"], data["passed"]) == (str(path), "bo", "types", 0.0, False)
    assert data["questions"][0]["status"] == "wrong" and data["questions"][1]["status"] == "unanswered"
    (attempt,), _ = attempts()
    assert attempt["learner"] == "bo" and attempt["duration_s"] == 0.0


def test_answers_from_stdin(lessons):
    result = quiz(lessons, "types", "-a", "-", "--json", "--learner", "cli",
                  input="lesson: types\nanswers: {t-single: b, t-multiple: [a, c], t-truefalse: no, t-numeric: '1/4'}\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["learner"] == "cli"


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02", "binary file"),
    (b"lesson: other\nanswers: {}\n", "file is for lesson 'other', not 'types'"),
    (b"answers:\n  t-single: [a, b]\n", ":2: t-single: expects one choice, got a list"),
    (b"answers: {t-nope: a}\n", "unknown question id 't-nope'"),
])
def test_bad_answer_file_is_one_line_exit_2(lessons, tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = quiz(lessons, "types", "--answers", str(path))
    assert result.exit_code == 2
    assert message in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert attempts()[0] == []


def test_json_without_answers_is_usage_error(lessons):
    result = quiz(lessons, "types", "--json")
    assert result.exit_code == 2 and "--json needs --answers" in result.output


def test_quiz_and_grade_do_not_import_torch(lessons, tmp_path):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "a.yaml").write_text("lesson: types\nanswers: {t-single: b}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dltutor.cli import app\n"
        "r = CliRunner()\n"
        f"for args in (['quiz', 'types', '--template'], ['quiz', 'types', '-a', {str(tmp_path / 'class' / 'a.yaml')!r}],\n"
        f"             ['grade', {str(tmp_path / 'class')!r}, '--format', 'json']):\n"
        f"    res = r.invoke(app, ['--lessons', {lessons!r}, *args])\n"
        "    assert res.exit_code in (0, 1), (args, res.output)\n"
        "heavy = [m for m in ('torch', 'textual', 'sklearn') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
