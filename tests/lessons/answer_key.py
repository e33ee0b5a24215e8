"""Checks a lesson's answer key against values the tests recompute themselves.

Each `test_<lesson>_answers.py` maps every numeric question id to a function
that recomputes the answer from first principles or with PyTorch, and binds the
shared tests with `globals().update(answer_key_tests(LESSON, RECOMPUTE, ...))`.
The mapping must cover exactly the quiz's numeric questions: deleting one, or
adding one without a recomputation, fails the test. The lesson module keeps only
what is particular to its lesson: the recomputations and its experiments.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from dltutor.content import load_course
from dltutor.content.models import Question
from dltutor.settings import packaged_lessons_dir
from tests.lessons.explained_numbers import check_derived, unexplained

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
    # The key's own tolerance is the whole bound: any slack would loosen the exact (tolerance 0) keys.
    assert abs(q.answer - value) <= q.tolerance, (
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


def n_params(module) -> int:
    """Parameters of a torch module, counted the way the quizzes count them (every tensor, trainable or not)."""
    return sum(p.numel() for p in module.parameters())


def answer_key_tests(
    lesson_id: str,
    recompute: dict[str, Callable[[], float]],
    *,
    pinned: dict | None = None,
    checked_by_experiment: set[str] = frozenset(),
    typed: list[tuple[str, str, str]] = (),
    explained: dict[str, dict],
    facts: dict[str, dict[str, str]] | None = None,
) -> dict[str, Callable]:
    """The tests every lesson's answer key gets, by name, for its test module's namespace.

    Always: every numeric question has a recomputation and each key matches its own.
    With `pinned`: every question is recomputed, checked by one of the module's experiments
    (`checked_by_experiment`) or pinned, and each pinned key is the one given.
    With `typed`: each (question id, what a learner types, expected status) is graded so.
    Always, from `explained` ({question id: {number as written: recomputation}}) and `facts` ({question
    id: {number as written: its source}}): every number in every explanation and hint is given by the
    prompt, recomputed or cited (see explained_numbers.py), and each recomputation matches. It is
    required, so that no lesson's explanations go unchecked.
    """

    def test_every_numeric_question_is_recomputed():
        numeric = numeric_ids(lesson_id)
        assert numeric == set(recompute), (
            f"{lesson_id}: numeric questions without a recomputation {sorted(numeric - set(recompute))}, "
            f"recomputations without a numeric question {sorted(set(recompute) - numeric)}"
        )
        assert len(recompute) >= 2, f"{lesson_id}: only {len(recompute)} numeric question(s) recomputed"

    @pytest.mark.parametrize("qid", sorted(recompute))
    def test_numeric_answer_matches_recomputation(qid):
        assert_recomputed(lesson_id, qid, recompute[qid])

    tests = [test_every_numeric_question_is_recomputed, test_numeric_answer_matches_recomputation]
    if pinned is not None:

        def test_every_question_is_recomputed_checked_or_pinned():
            groups = [set(recompute), set(checked_by_experiment), set(pinned)]
            assert sum(map(len, groups)) == len(set().union(*groups)), f"{lesson_id}: a question is listed twice"
            listed, ids = set().union(*groups), all_ids(lesson_id)
            assert ids == listed, (
                f"{lesson_id}: questions not recomputed, checked or pinned {sorted(ids - listed)}, "
                f"listed but not in the quiz {sorted(listed - ids)}"
            )

        @pytest.mark.parametrize("qid", sorted(pinned))
        def test_pinned_key(qid):
            key = answer(lesson_id, qid)
            assert key == pinned[qid], f"{qid}: key {key!r}, pinned {pinned[qid]!r}"

        tests += [test_every_question_is_recomputed_checked_or_pinned, test_pinned_key]
    if typed:

        @pytest.mark.parametrize("qid,text,status", typed)
        def test_typed_answer_is_graded(qid, text, status):
            assert_graded(lesson_id, qid, text, status)

        tests.append(test_typed_answer_is_graded)
    facts = facts or {}

    @pytest.mark.parametrize("qid", sorted(all_ids(lesson_id)))
    def test_explained_numbers_are_given_derived_or_cited(qid):
        missing, stale = unexplained(question(lesson_id, qid), explained.get(qid, {}), facts.get(qid, {}))
        assert not missing, f"{qid}: numbers stated but not recomputed or cited: {sorted(missing)}"
        assert not stale, f"{qid}: listed numbers the text no longer states: {sorted(stale)}"

    derived = [(qid, text) for qid, numbers in sorted(explained.items()) for text in numbers]

    @pytest.mark.parametrize("qid,text", derived)
    def test_explained_number_matches_recomputation(qid, text):
        check_derived(question(lesson_id, qid), text, explained[qid][text])

    tests += [test_explained_numbers_are_given_derived_or_cited, test_explained_number_matches_recomputation]
    return {test.__name__: test for test in tests}
