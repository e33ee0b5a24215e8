"""How scores and answers are written for people: one place, so the app, the prompt and reports agree."""

from __future__ import annotations

import re

ECHO_LIMIT = 80  # characters of a learner's answer shown back to them


def format_points(value: float | None) -> str:
    """Points as people write them, to two decimals at most: 1, 0.5, 8.83 (never 8.833333)."""
    if value is None:
        return "—"
    return f"{round(value, 2):g}"


def format_score(score: float | None, max_score: float | None, percent: bool = False) -> str:
    """'8.83/13', or with percent=True '8.83/13 (68 %)' (the percent from the unrounded score)."""
    if score is None or max_score is None:
        return "—"
    text = f"{format_points(score)}/{format_points(max_score)}"
    if percent and max_score:
        text += f" ({score / max_score:.0%})"
    return text


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """One line of at most `limit` characters, ending with '…' when something was cut. Line breaks become
    spaces; every other character (a full-width space, say) is kept as typed."""
    text = re.sub(r"[\r\n\t]+", " ", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
