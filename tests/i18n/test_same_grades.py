"""A translation changes words, never grades: every bundled question grades the same answers alike in en and zh."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dltutor.content import load_course
from dltutor.content.models import (MultipleQuestion, NumericQuestion, OrderQuestion, SingleQuestion, TextQuestion,
                                    TrueFalseQuestion)
from dltutor.quiz.grading import AnswerError, grade_question
from dltutor.settings import packaged_lessons_dir

TEXT_FIELDS = {"prompt", "choices", "explanation", "hints"}


@pytest.fixture(scope="module")
def courses():
    return load_course(packaged_lessons_dir(), "en"), load_course(packaged_lessons_dir(), "zh")


def _pairs(courses):
    en, zh = courses
    for lesson in en.lessons:
        other = zh.get(lesson.id)
        for question in lesson.quiz.questions:
            yield question, other.quiz.question(question.id)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def candidates(question) -> list[str]:
    """Answers as people type them: right, wrong, odd case, full-width, spaced, numbers in several forms."""
    keys = list(getattr(question, "choices", {}) or {})
    if isinstance(question, TextQuestion):
        base = [*question.accepted, "mode collapse", "模式崩溃", "梯度", "wrong answer"]
    elif isinstance(question, NumericQuestion):
        v, t = question.answer, question.tolerance
        base = [repr(v), f"{v:g}", f"{v:.3g}", f"{v + 2 * t + 1:g}", f"-{v:g}", f"{v:e}", f" {v:g} ", "abc"]
    elif isinstance(question, SingleQuestion):
        base = [*keys, "zz"]
    elif isinstance(question, (MultipleQuestion, OrderQuestion)):
        answer = list(question.answer)
        base = [",".join(answer), ", ".join(reversed(answer)), answer[0], ",".join(keys), "a,zz"]
    elif isinstance(question, TrueFalseQuestion):
        base = ["true", "false", "yes", "no", "T", "对", "错", "是", "否", "maybe"]
    else:  # pragma: no cover - a new type needs its own forms here
        raise AssertionError(type(question))
    return base + [b.upper() for b in base] + [_full_width(b) for b in base] + ["", "  "]


def _outcome(question, answer):
    try:
        result = grade_question(question, answer)
    except AnswerError as exc:
        return "error", str(exc)
    return result.status, result.points, result.max_points, result.answer


def test_grading_fields_are_the_english_ones(courses):
    for en, zh in _pairs(courses):
        assert en.model_dump(exclude=TEXT_FIELDS) == zh.model_dump(exclude=TEXT_FIELDS), en.id
        assert list(getattr(en, "choices", {}) or {}) == list(getattr(zh, "choices", {}) or {}), en.id


def test_every_bundled_question_grades_typed_answers_alike(courses):
    checked = 0
    for en, zh in _pairs(courses):
        for answer in candidates(en):
            assert _outcome(en, answer) == _outcome(zh, answer), (en.id, answer)
            checked += 1
    assert checked > 1000


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_text_grades_alike(courses, data):
    pairs = list(_pairs(courses))
    en, zh = data.draw(st.sampled_from(pairs))
    answer = data.draw(st.one_of(st.text(max_size=12), st.sampled_from(candidates(en))))
    assert _outcome(en, answer) == _outcome(zh, answer)
