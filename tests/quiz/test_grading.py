import pytest

from dltutor.quiz import (
    AnswerError,
    answer_format,
    check_answer,
    correct_answer,
    grade_question,
    grade_quiz,
    normalize_text,
)
from tests.quiz.helpers import KEY, load_types_lesson


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    return load_types_lesson(tmp_path_factory.mktemp("grading"))[1]


def q(lesson, suffix):
    return lesson.quiz.question(f"t-{suffix}")


# --- all or nothing -------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, status", [("b", "correct"), ("B", "correct"), ("ｂ", "correct"), (" b ", "correct"),
                                            ("a", "wrong"), ("c", "wrong")])
def test_single(lesson, answer, status):
    r = grade_question(q(lesson, "single"), answer)
    assert r.status == status
    assert r.points == (1.0 if status == "correct" else 0.0) and r.max_points == 1.0


def test_wrong_feedback_says_the_answer_and_why(lesson):
    r = grade_question(q(lesson, "single"), "c")
    assert r.feedback.startswith("You answered c (Three); the answer is b (Two).")
    assert "Update and reset" in r.feedback and r.answer == "c"
    assert grade_question(q(lesson, "single"), "b").feedback == "Update and reset. Three is the LSTM."


@pytest.mark.parametrize("answer, status", [(False, "correct"), ("false", "correct"), ("F", "correct"), ("no", "correct"),
                                            ("错", "correct"), (True, "wrong"), ("yes", "wrong")])
def test_truefalse(lesson, answer, status):
    assert grade_question(q(lesson, "truefalse"), answer).status == status


@pytest.mark.parametrize("answer, status", [(0.25, "correct"), (0.26, "correct"), (0.24, "correct"), ("1/4", "correct"),
                                            ("０.２５", "correct"), (" .25 ", "correct"), (0.2601, "wrong"), (0.5, "wrong"),
                                            (-0.25, "wrong")])
def test_numeric_within_tolerance(lesson, answer, status):
    assert grade_question(q(lesson, "numeric"), answer).status == status


def test_numeric_exact_key_survives_float_rounding(tmp_path):
    from dltutor.content.models import NumericQuestion

    question = NumericQuestion(id="x", type="numeric", prompt="0.1 + 0.2?", answer=0.3, explanation="e")
    assert grade_question(question, 0.1 + 0.2).status == "correct"
    assert grade_question(question, 0.30001).status == "wrong"


@pytest.mark.parametrize("answer, status", [
    ("mode collapse", "correct"), ("  MODE   Collapse ", "correct"), ("ＭＯＤＥ　ｃｏｌｌａｐｓｅ", "correct"),
    ("模式崩溃", "correct"), ("mode  collapse\n", "correct"), ("modecollapse", "wrong"), ("overfitting", "wrong"),
    # as the lessons write a term: glossed by another accepted answer, in either order and either bracket
    ("模式崩溃（mode collapse）", "correct"), ("Mode collapse (模式崩溃)", "correct"), ("模式 崩溃", "correct"),
    ("模式崩溃（overfitting）", "wrong"), ("overfitting (mode collapse)", "wrong"), ("模式崩溃（）", "wrong"),
])
def test_text_ignores_case_spacing_and_width(lesson, answer, status):
    assert grade_question(q(lesson, "text"), answer).status == status


def test_normalize_text():
    assert normalize_text("  Ｈｅｌｌｏ，　World  ") == "hello, world"
    assert normalize_text("变分　自编码器 VAE") == "变分自编码器 vae"  # no space between Chinese characters


# --- partial credit -------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, points, status", [
    (["a", "c"], 2.0, "correct"), (["c", "a"], 2.0, "correct"), ("a, c", 2.0, "correct"), ("ca", 2.0, "correct"),
    ("ａ，ｃ", 2.0, "correct"), ("c、a", 2.0, "correct"),
    (["a"], 1.0, "partial"),                 # (1 - 0) / 2
    (["a", "c", "b"], 1.0, "partial"),       # (2 - 1) / 2
    (["a", "b"], 0.0, "wrong"),              # (1 - 1) / 2
    (["b", "d"], 0.0, "wrong"),              # max(0, -2/2)
    (["a", "b", "c", "d"], 0.0, "wrong"),    # (2 - 2) / 2
])
def test_multiple_partial_credit(lesson, answer, points, status):
    r = grade_question(q(lesson, "multiple"), answer)
    assert (r.points, r.status, r.max_points) == (points, status, 2.0)


def test_multiple_feedback_names_missed_and_wrong(lesson):
    r = grade_question(q(lesson, "multiple"), ["a", "b"])
    assert r.feedback.startswith("You missed c; b is wrong. The answer is a, c.")


@pytest.mark.parametrize("answer, points, status", [
    (["a", "b", "c", "d"], 1.0, "correct"), ("a b c d", 1.0, "correct"), ("abcd", 1.0, "correct"),
    (["b", "a", "c", "d"], 0.5, "partial"), (["a", "c", "b", "d"], 0.5, "partial"),
    (["d", "a", "b", "c"], 0.0, "wrong"),
])
def test_order_positional_credit(lesson, answer, points, status):
    r = grade_question(q(lesson, "order"), answer)
    assert (r.points, r.status) == (points, status)


# --- unanswered -----------------------------------------------------------------------------------

@pytest.mark.parametrize("blank", [None, "", "   ", []])
def test_blank_is_unanswered_not_wrong(lesson, blank):
    for question in lesson.quiz.questions:
        r = grade_question(question, blank)
        assert (r.status, r.points, r.answer) == ("unanswered", 0.0, None)
        assert r.feedback.startswith("Not answered. The answer is")


# --- malformed answers: a clear message, never a grade ---------------------------------------------

@pytest.mark.parametrize("suffix, raw, message", [
    ("single", ["a"], "expects one choice, got a list"),
    ("single", "e", "'e' is not a choice (choose from a, b, c)"),
    ("single", "two", "'two' is what choice b says: type its key, b"),
    ("multiple", "a, e", "'e' is not a choice"),
    ("multiple", "a、a", "choice a is listed more than once"),
    ("multiple", ["a", "a"], "choice a is listed more than once"),
    ("order", ["a", "b"], "put every choice in order: c, d missing"),
    ("order", {"a": 1}, "expects the choice keys in order"),
    ("truefalse", "maybe", "expected true or false"),
    ("numeric", "twenty", "'twenty' is not a number"),
    ("numeric", "nan", "'nan' is not a number"),
    ("numeric", "1e999", "not a finite number"),
    ("numeric", True, "expected a number"),
    ("numeric", [1], "expected a number, got a list"),
    ("text", ["a"], "expected a text answer, got a list"),
])
def test_check_answer_rejects_malformed(lesson, suffix, raw, message):
    with pytest.raises(AnswerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_answer(q(lesson, suffix), raw)
    with pytest.raises(AnswerError):
        grade_question(q(lesson, suffix), raw)


def test_check_answer_canonical_forms(lesson):
    assert check_answer(q(lesson, "multiple"), "c a") == ["a", "c"]  # choice order, whatever the typing order
    assert check_answer(q(lesson, "order"), "d,c,b,a") == ["d", "c", "b", "a"]
    assert check_answer(q(lesson, "numeric"), "28") == 28.0
    assert check_answer(q(lesson, "truefalse"), "True") is True
    assert check_answer(q(lesson, "text"), 42) == "42"


def test_answer_format_explains_each_type(lesson):
    assert answer_format(q(lesson, "single")) == "one key: a, b, c"
    assert "separated by commas" in answer_format(q(lesson, "multiple"))
    assert answer_format(q(lesson, "truefalse")) == "true or false"


def test_correct_answer_is_the_key(lesson):
    assert {question.id: correct_answer(question) for question in lesson.quiz.questions} == {
        **KEY, "t-text": "mode collapse"}


# --- whole quiz -----------------------------------------------------------------------------------

def test_grade_quiz_key_passes_with_full_marks(lesson):
    result = grade_quiz(lesson.quiz, KEY, "types", learner="alice")
    assert (result.score, result.max_score, result.passed, result.learner) == (7.0, 7.0, True, "alice")
    assert [r.status for r in result.questions] == ["correct"] * 6


def test_grade_quiz_pass_mark_boundary(lesson):
    # max 7, pass mark 0.6: 4.2 needed. single+multiple(2)+truefalse = 4 fails; + numeric = 5 passes.
    four = {"t-single": "b", "t-multiple": ["a", "c"], "t-truefalse": False}
    assert not grade_quiz(lesson.quiz, four, "types").passed
    assert grade_quiz(lesson.quiz, {**four, "t-numeric": 0.25}, "types").passed


def test_grade_quiz_missing_answers_are_unanswered(lesson):
    result = grade_quiz(lesson.quiz, {"t-single": "b"}, "types")
    assert [r.status for r in result.questions] == ["correct"] + ["unanswered"] * 5
    assert result.score == 1.0 and not result.passed and result.learner is None


def test_grade_quiz_unknown_id_and_malformed_answer(lesson):
    with pytest.raises(AnswerError, match="unknown question id 't-nope'"):
        grade_quiz(lesson.quiz, {"t-nope": "a"}, "types")
    with pytest.raises(AnswerError, match="^t-numeric: 'x' is not a number"):
        grade_quiz(lesson.quiz, {"t-numeric": "x"}, "types")


def test_result_to_dict_is_json_ready(lesson):
    import json

    data = grade_quiz(lesson.quiz, KEY, "types").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data["questions"][0]) == {"id", "status", "points", "max_points", "feedback", "answer"}


def test_quiz_package_does_not_import_torch_or_ui():
    import subprocess
    import sys

    code = ("import sys, dltutor.quiz, dltutor.quiz.reports\n"
            "bad = [m for m in ('torch', 'textual', 'rich', 'dltutor.cli') if m in sys.modules]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)
