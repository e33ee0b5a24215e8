"""The mechanism that makes every number in a quiz explanation accountable (explained_numbers.py)."""

import math
from types import SimpleNamespace

import pytest

from tests.lessons.explained_numbers import Derived, check_derived, quoted_numbers, unexplained


def values(text: str) -> dict[str, float]:
    return {key: q.value for key, q in quoted_numbers(text).items()}


@pytest.mark.parametrize("text,expected", [
    ("σ(1) ≈ 0.731 and z = −0.5", {"1": 1.0, "0.731": 0.731, "−0.5": -0.5}),
    ("3,146,752 parameters, 2-D, VGG-16", {"3,146,752": 3146752.0, "2": 2.0, "16": 16.0}),
    ("about 6e-10 and 3e+05", {"6e-10": 6e-10, "3e+05": 3e5}),
    ("≈ 9.54 × 10⁻⁷, within 10⁻¹⁰", {"9.54 × 10⁻⁷": 9.54e-7, "10⁻¹⁰": 1e-10}),
    ("(0,1) and (1, 1)", {"0": 0.0, "1": 1.0}),
    ("x₁ + x₂, e⁻⁰·³ and 0.25¹⁰ are notation", {}),
    ("the factor 0.25·3 and (−1)·1.", {"0.25": 0.25, "3": 3.0, "−1": -1.0, "1": 1.0}),
])
def test_numbers_are_read_as_written(text, expected):
    assert values(text) == pytest.approx(expected)


def test_tolerance_is_half_a_unit_of_the_last_written_digit():
    q = quoted_numbers("0.105 and 9.54 × 10⁻⁷ and 57")
    assert q["0.105"].tolerance == pytest.approx(0.0005)
    assert q["9.54 × 10⁻⁷"].tolerance == pytest.approx(0.005e-7)
    assert q["57"].tolerance == pytest.approx(0.5)


def question(explanation, prompt="", hints=(), answer=None, tolerance=0.0):
    kind = "numeric" if answer is not None else "single"
    return SimpleNamespace(id="q", type=kind, prompt=prompt, explanation=explanation, hints=list(hints),
                           answer=answer, tolerance=tolerance, choices={})


def test_given_derived_and_cited_numbers_are_accounted_for():
    q = question("h = tanh(0.5·1 + 1·1.2) ≈ 0.834", prompt="x = 0.5, U = 1, h₀ = 1.2",
                 answer=0.834, tolerance=0.001)
    assert unexplained(q, {}, {}) == (set(), set())  # the prompt's inputs and the key itself
    q = question("Answering 0.834 drops the minus sign of U.", prompt="U = 1, h = 1.2")
    assert unexplained(q, {}, {}) == ({"0.834"}, set())
    assert unexplained(q, {"0.834": lambda: 0}, {}) == (set(), set())
    assert unexplained(q, {}, {"0.834": "cited"}) == (set(), set())
    assert unexplained(q, {"0.834": lambda: 0, "0.922": lambda: 0}, {}) == (set(), {"0.922"})  # stale entry


def test_a_wrong_path_number_that_does_not_follow_fails():
    """Issue 13's example: 0.834 = tanh(1.2) said to come from dropping the minus sign; with U = +1 that slip
    gives tanh(1.6) ≈ 0.922, so the recomputation exposes the explanation."""
    q = question("Answering 0.834 drops the minus sign of U.", prompt="U = 1")
    with pytest.raises(AssertionError, match="says 0.834, recomputed 0.92"):
        check_derived(q, "0.834", lambda: math.tanh(0.4 + 1.0 * 1.2))
    check_derived(q, "0.834", lambda: math.tanh(1.2))
    check_derived(question("about 57 times weaker"), "57", Derived(lambda: 56.6, tolerance=0.5))


def test_every_lesson_checks_the_numbers_its_explanations_state():
    """One mechanism for the whole course: each lesson has an answer-key module, and answer_key_tests
    (which requires `explained`) gave it the explanation-number tests."""
    import importlib

    from tests.lessons.answer_key import COURSE

    for lesson in COURSE.lessons:
        module = importlib.import_module(f"tests.lessons.test_{lesson.id}_answers")
        assert hasattr(module, "test_explained_numbers_are_given_derived_or_cited"), lesson.id
        assert hasattr(module, "test_explained_number_matches_recomputation"), lesson.id
