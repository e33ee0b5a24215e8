"""Every number a quiz explanation or hint states is either given, recomputed, or a cited fact.

An explanation that says "answering 0.834 drops the minus sign" makes a computational claim, and
such claims drift when a question's numbers change. This module finds every number in a question's
explanation and hints and sorts it:

- *given*: it appears in the question's prompt or choices (compared by magnitude), or it is the
  numeric key itself (within the key's tolerance): nothing more to check;
- *derived*: the lesson's test module recomputes it (a wrong path's result, an intermediate value);
- *fact*: a cited number that is not computed (a year, a benchmark score), listed with its source.

A number that is none of these fails the test, and so does a listed number that the text no longer
states. Every lesson's answer-key module passes its tables to `answer_key_tests(..., explained=,
facts=)` (answer_key.py), which requires them. A quoted number passes when the recomputed value rounds to it at the precision it is
written with (0.105 covers [0.1045, 0.1055]); an entry may give its own absolute tolerance for
rounded claims ("about 57 times").

Number forms recognised: 3, −0.5, 3,146,752, 1.2e-5, 6e-10, 9.54 × 10⁻⁷, 10⁻¹⁰. Subscripts (x₁) and
other powers (0.25¹⁰, e⁻⁰·³) are notation, not numbers, and are skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
NUMBER = re.compile(
    r"(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹⁻])"  # not the tail of a word, a decimal or a superscript
    r"(?P<sign>[−-])?"
    r"(?P<mantissa>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<e>e[−+-]?\d+)|\s*×\s*10(?P<pow>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
    r"(?!\.?\d)"
)


@dataclass(frozen=True)
class Quoted:
    text: str  # as written, e.g. "−0.0887" or "9.54 × 10⁻⁷"
    value: float
    tolerance: float  # half a unit in the last written digit


def quoted_numbers(text: str) -> dict[str, Quoted]:
    """Every number in `text`, keyed by how it is written (minus as '−', thousands commas kept)."""
    found = {}
    for m in NUMBER.finditer(text):
        # A hyphen is a minus only where no word or digit precedes it ("2-D" is a dimension, not −D).
        if m["sup"] and m["mantissa"] != "10":
            continue  # a power written as notation (0.25¹⁰): its value is stated elsewhere or not at all
        sign = -1.0 if m["sign"] and (m["sign"] == "−" or not text[max(m.start() - 1, 0)].isalnum()) else 1.0
        mantissa = m["mantissa"]
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        scale = 1.0
        if m["e"]:
            scale = 10.0 ** int(m["e"][1:].replace("−", "-"))
        elif m["pow"]:
            scale = 10.0 ** int(m["pow"].translate(SUPERSCRIPT))
        elif m["sup"]:  # 10⁻¹⁰ on its own
            mantissa, scale = "1", 10.0 ** int(m["sup"].translate(SUPERSCRIPT))
        value = sign * float(mantissa.replace(",", "")) * scale
        key = ("−" if sign < 0 else "") + m.group(0).lstrip("−-")
        found[key] = Quoted(key, value, 0.5 * 10.0**-decimals * scale + 1e-12 * abs(value))
    return found


@dataclass(frozen=True)
class Derived:
    """A recomputation of a quoted number; `tolerance` overrides the written precision."""

    recompute: Callable[[], float]
    tolerance: float | None = None


def _as_derived(entry) -> Derived:
    return entry if isinstance(entry, Derived) else Derived(entry)


def unexplained(question, derived: dict, facts: dict) -> tuple[set[str], set[str]]:
    """(numbers stated but neither given, derived nor cited; listed numbers no longer stated)."""
    given_text = " ".join([question.prompt, *(getattr(question, "choices", None) or {}).values()])
    given = {abs(q.value) for q in quoted_numbers(given_text).values()}
    stated = quoted_numbers(" ".join([question.explanation, *question.hints]))
    listed = set(derived) | set(facts)
    key = question.answer if question.type == "numeric" else None
    missing = {
        text for text, q in stated.items()
        if text not in listed and abs(q.value) not in given
        and not (key is not None and abs(q.value - key) <= max(q.tolerance, question.tolerance))
    }
    return missing, listed - set(stated)


def check_derived(question, text: str, entry) -> None:
    quoted = quoted_numbers(" ".join([question.explanation, *question.hints]))[text]
    entry = _as_derived(entry)
    value = float(entry.recompute())
    tolerance = quoted.tolerance if entry.tolerance is None else entry.tolerance
    assert math.isfinite(value) and abs(value - quoted.value) <= tolerance, (
        f"{question.id}: the explanation says {text}, recomputed {value:.6g} (tolerance {tolerance:g})"
    )
