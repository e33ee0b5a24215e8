"""Issue 11 §1: the same characters get the same grade at the prompt, in the app and in a file.

YAML 1.1 would read `No` as false, `0123` as 83, `010` as 8 and `1:30` as 90. The one YAML
reader gives text; the one per-question-type parser (check_answer) converts it.
"""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.quiz import AnswerError, AnswerFileError, check_answer, grade_sheet, parse_answer_sheet
from dltutor.quiz.answers import check_sheet
from tests.content.helpers import make_lesson
from tests.quiz.helpers import ALL_TYPES_QUIZ, load_types_lesson

runner = CliRunner()

TEN_QUIZ = """pass_mark: 0.5
questions:
  - id: ten
    type: numeric
    prompt: "How many classes does MNIST have?"
    answer: 10
    explanation: "The digits 0 to 9."
"""


@pytest.fixture
def ten(tmp_path):
    make_lesson(tmp_path / "lessons", "01-ten", "ten", quiz=TEN_QUIZ)
    return str(tmp_path / "lessons")


def _grade_json(lessons, text, tmp_path, name="a.yaml"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lessons", lessons, "grade", "--format", "json", str(f)])
    return result, json.loads(result.stdout) if result.stdout.strip().startswith("{") else None


@pytest.mark.parametrize("written", ["No", "0123", "yes", "1e3", "~", "2001-01-01", "3.10"])
def test_learner_name_is_the_text_written(ten, tmp_path, written):
    result, report = _grade_json(ten, f"learner: {written}\nlesson: ten\nanswers: {{ten: 10}}\n", tmp_path)
    assert result.exit_code == 0, result.output
    assert report["results"][0]["learner"] == written


def test_student_number_is_saved_as_written(ten, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("learner: 0123\nlesson: ten\nanswers: {ten: 010}\n", encoding="utf-8")
    assert runner.invoke(app, ["--lessons", ten, "quiz", "ten", "--answers", str(f)]).exit_code == 0
    from dltutor.progress import open_store

    with open_store() as store:
        attempts = store.attempts("ten")
    assert [(a["learner"], a["answers"]) for a in attempts] == [("0123", {"ten": 10.0})]


@pytest.mark.parametrize("written", ["010", "'010'", '"010"', "10", "10.0", "1e1", "１０", "20/2"])
def test_numeric_010_is_ten_in_a_file_as_at_the_prompt(ten, tmp_path, written):
    result, report = _grade_json(ten, f"lesson: ten\nanswers:\n  ten: {written}\n", tmp_path)
    assert report["results"][0]["questions"][0]["status"] == "correct", result.output
    assert report["results"][0]["questions"][0]["answer"] == 10


def test_json_file_reads_010_as_ten(ten, tmp_path):
    result, report = _grade_json(ten, '{"lesson": "ten", "answers": {"ten": "010"}}', tmp_path, "a.json")
    assert report["results"][0]["questions"][0]["status"] == "correct"


def test_clock_time_is_refused_like_at_the_prompt(ten, tmp_path):
    result, report = _grade_json(ten, "lesson: ten\nanswers:\n  ten: 1:30\n", tmp_path)
    assert result.exit_code == 2
    assert report["errors"][0]["line"] == 3 and "'1:30' is not a number" in report["errors"][0]["error"]


# --- the property: file (YAML plain/quoted, JSON string/bare) == prompt == app -----------------

AMBIGUOUS = ["no", "No", "NO", "Yes", "on", "off", "y", "n", "true", "False", "010", "0123", "0o10", "0x1F",
             "1:30", "1_000", ".5", "1e3", "1E-3", "~", "null", "2001-01-01", "3.10", "0.25", "-1.386",
             "1,5", "2,400", "2 400", "1/4", ".inf", "-.inf", ".nan", "0", "1", "+1", "b", "B", "a, c", "c a",
             "mode collapse", "模式崩溃", "ｂ", "０.２５", "25%"]
TEXT = st.sampled_from(AMBIGUOUS) | st.text(alphabet="0123456789.,:+-_eE/ abcxyoOnNTtf~", min_size=1,
                                            max_size=8)
QIDS = ["t-single", "t-multiple", "t-truefalse", "t-numeric", "t-text", "t-order"]


def _outcome(fn):
    try:
        return ("ok", fn())
    except (AnswerError, AnswerFileError):
        return ("refused", None)


def _file_forms(text: str) -> list[str]:
    """The scalar as a YAML file can write it: single- and double-quoted, and plain when YAML allows it."""
    forms = ["'" + text.replace("'", "''") + "'", json.dumps(text)]
    try:  # compose only (no type resolution): is `x: TEXT` one plain scalar that is exactly TEXT?
        node = yaml.compose(f"x: {text}")
        if isinstance(node.value[0][1], yaml.ScalarNode) and node.value[0][1].value == text:
            forms.append(text)
    except yaml.YAMLError:
        pass
    return forms


@pytest.fixture(scope="module")
def types_lesson(tmp_path_factory):
    return load_types_lesson(tmp_path_factory.mktemp("types"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, qid=st.sampled_from(QIDS))
def test_same_characters_same_grade_everywhere(types_lesson, text, qid):
    from dltutor.tui.screens import quiz as app_quiz

    assert app_quiz.check_answer is check_answer  # the app's quiz screen calls the very same parser
    course, lesson = types_lesson
    question = lesson.quiz.question(qid)
    prompt = _outcome(lambda: check_answer(question, text))
    for form in _file_forms(text):
        yaml_sheet = f"lesson: types\nanswers:\n  {qid}: {form}\n"
        got = _outcome(lambda: check_sheet(parse_answer_sheet(yaml_sheet, "f.yaml"), lesson)[qid])
        assert got == prompt, (form, got, prompt)
    json_sheet = json.dumps({"lesson": "types", "answers": {qid: text}})
    assert _outcome(lambda: check_sheet(parse_answer_sheet(json_sheet, "f.json"), lesson)[qid]) == prompt
    bare = f'{{"lesson": "types", "answers": {{"{qid}": {text}}}}}'
    try:
        json.loads(bare)
    except ValueError:
        return
    assert _outcome(lambda: check_sheet(parse_answer_sheet(bare, "f.json"), lesson)[qid]) == prompt, bare


# --- teachers' files: read as written, converted on purpose --------------------------------------

AS_WRITTEN_QUIZ = """pass_mark: 0.5
questions:
  - id: key-no
    type: single
    prompt: "Is it?"
    choices: {yes: "Yes it is", no: "No it is not"}
    answer: no
    explanation: "It is not."
  - id: version
    type: text
    prompt: "Which Python version?"
    answer: [3.10, 010]
    explanation: "3.10."
  - id: tf
    type: truefalse
    prompt: "Is the sky green?"
    answer: no
    explanation: "No."
  - id: ratio
    type: numeric
    prompt: "A quarter?"
    answer: 1/4
    points: 010
    explanation: "0.25."
"""


def test_teacher_quiz_is_read_as_written(tmp_path):
    from dltutor.content import load_course

    md = ("---\nid: w\ntitle: No\norder: 010\nminutes: 1e1\nobjectives: [Yes]\nexercise: ~\n---\n\n# W\n\nText.\n")
    make_lesson(tmp_path, "w", "w", md=md, quiz=AS_WRITTEN_QUIZ)
    course = load_course(tmp_path)
    assert course.ok, course.problems
    lesson = course.get("w")
    assert (lesson.title, lesson.meta.order, lesson.meta.minutes, lesson.meta.objectives, lesson.meta.exercise) \
        == ("No", 10, 10, ["Yes"], None)
    key_no, version, tf, ratio = lesson.quiz.questions
    assert list(key_no.choices) == ["yes", "no"] and key_no.answer == "no"
    assert version.accepted == ["3.10", "010"]
    assert tf.answer is False
    assert (ratio.answer, ratio.points) == (0.25, 10.0)


def test_teacher_quiz_that_cannot_be_read_is_flagged_on_its_line(tmp_path):
    from dltutor.content import load_course

    bad = ALL_TYPES_QUIZ.replace("answer: 0.25", "answer: 1:30").replace("answer: false", "answer: maybe")
    make_lesson(tmp_path, "t", "t", quiz=bad)
    problems = [str(p) for p in load_course(tmp_path).problems]
    assert any(":25: questions.3.answer: '1:30' is not a number" in p for p in problems), problems
    assert any(":20: questions.2.answer: expected true or false, got 'maybe'" in p for p in problems), problems


def test_grade_sheet_still_takes_python_values(types_lesson):
    course, lesson = types_lesson
    sheet = parse_answer_sheet("lesson: types\nanswers: {t-numeric: 0.25}\n", "f.yaml")
    assert grade_sheet(sheet, course).questions[3].status == "correct"
