"""Checks a lesson's answer key against values the tests recompute themselves.

Each `test_<lesson>_answers.py` maps every numeric question id to a function
that recomputes the answer from first principles or with PyTorch. The mapping
must cover exactly the quiz's numeric questions: deleting one, or adding one
without a recomputation, fails the test.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from dltutor.content import load_course
from dltutor.content.models import Question
from dltutor.settings import packaged_lessons_dir

COURSE = load_course(packaged_lessons_dir())


def question(lesson_id: str, qid: str) -> Question:
    return COURSE.get(lesson_id).quiz.question(qid)


def numeric_ids(lesson_id: str) -> set[str]:
    return {q.id for q in COURSE.get(lesson_id).quiz.questions if q.type == "numeric"}


def assert_recomputed(lesson_id: str, qid: str, recompute: Callable[[], float]) -> None:
    q = question(lesson_id, qid)
    assert q.type == "numeric", f"{qid} should be a numeric question"
    value = float(recompute())
    assert math.isfinite(value)
    # 1e-12 absorbs float rounding only; the key's own tolerance is the real bound.
    assert abs(q.answer - value) <= q.tolerance + 1e-12, (
        f"{qid}: key {q.answer} ± {q.tolerance}, recomputed {value}"
    )


def assert_prompt_states(lesson_id: str, qid: str, *fragments: str) -> None:
    """The recomputation uses the prompt's inputs: fail if the prompt no longer states them."""
    prompt = question(lesson_id, qid).prompt
    for fragment in fragments:
        assert fragment in prompt, f"{qid}: prompt no longer states {fragment!r}; update the recomputation"


def all_ids(lesson_id: str) -> set[str]:
    return {q.id for q in COURSE.get(lesson_id).quiz.questions}


def answer(lesson_id: str, qid: str):
    """The key in a comparable form: lists of choices are compared as sets, order questions as lists."""
    q = question(lesson_id, qid)
    return set(q.answer) if q.type == "multiple" else q.answer


def assert_graded(lesson_id: str, qid: str, typed: str, status: str) -> None:
    """A learner typing `typed` gets `status`: the right forms pass, the distractors the explanation names fail."""
    from dltutor.quiz.grading import grade_question

    result = grade_question(question(lesson_id, qid), typed)
    assert result.status == status, f"{qid}: typing {typed!r} graded {result.status}, expected {status}"
