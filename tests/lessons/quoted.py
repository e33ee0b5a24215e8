"""Numbers that a quiz's explanations and hints quote are recomputed, wrong paths included.

An explanation that says "0.922 (= tanh(1.6)) drops the minus sign of U" makes a claim a test
can check: the wrong path really gives 0.922. A lesson's answer test lists, per question, each
quoted number *as written* with a function that recomputes it, and binds the shared tests with
`globals().update(quoted_numbers_tests(LESSON, QUOTED))`:

- each listed number appears in the question's explanation or hints, and its recomputation
  rounds to it at the precision written (0.922 means within 0.0005; 2,560 within 0.5);
- in a numeric question, every number with a decimal point in the explanation or hints is
  either stated in the prompt or listed, so a new unchecked number cannot slip in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.lessons.answer_key import question

NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.,])\d+(?:\.\d+)?")  # 2,560 · 0.537 · 7


def as_float(text: str) -> float:
    return float(text.replace("−", "-").replace(",", ""))


def half_unit(text: str) -> float:
    """Half a unit in the last written digit: how far a correct value may be from what is written."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** -decimals + 1e-12


def taught_text(lesson_id: str, qid: str) -> str:
    q = question(lesson_id, qid)
    return "\n".join([q.explanation, *(q.hints or [])])


def decimals_in(text: str) -> set[str]:
    return {m.group(0) for m in NUMBER.finditer(text) if "." in m.group(0)}


def quoted_numbers_tests(lesson_id: str, quoted: dict[str, dict[str, Callable[[], float]]]) -> dict[str, Callable]:
    cases = [(qid, written, f) for qid, numbers in quoted.items() for written, f in numbers.items()]

    @pytest.mark.parametrize("qid,written,recompute", cases, ids=[f"{q}:{w}" for q, w, _ in cases])
    def test_quoted_number_is_recomputed(qid, written, recompute):
        assert written in taught_text(lesson_id, qid), f"{qid}: explanation/hints no longer quote {written}"
        value = float(recompute())
        assert abs(value - as_float(written)) <= half_unit(written), f"{qid}: quotes {written}, recomputed {value}"

    numeric = [qid for qid in quoted if question(lesson_id, qid).type == "numeric"]

    @pytest.mark.parametrize("qid", numeric)
    def test_every_decimal_in_a_numeric_explanation_is_checked(qid):
        prompt = {m.group(0) for m in NUMBER.finditer(question(lesson_id, qid).prompt)}
        listed = {written.lstrip("−-") for written in quoted[qid]}  # signs are not part of a number's digits
        unchecked = decimals_in(taught_text(lesson_id, qid)) - prompt - listed
        assert not unchecked, f"{qid}: numbers quoted without a recomputation: {sorted(unchecked)}"

    return {f.__name__: f for f in (test_quoted_number_is_recomputed, test_every_decimal_in_a_numeric_explanation_is_checked)}
