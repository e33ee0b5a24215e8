"""Plain-text pieces of a lesson page shared by the app and `dltutor lesson --print` (no Textual here)."""

from __future__ import annotations

import re

_OBJECTIVES_HEADING = re.compile(r"^#{1,3}\s+(learning\s+)?objectives\b", re.IGNORECASE | re.MULTILINE)


def header_lines(lesson) -> list[str]:
    """Rich-markup lines for the top of a lesson: its facts, and its objectives unless the text has its own."""
    needs = ", ".join(lesson.meta.requires) or "nothing"
    lab = f" · lab: {lesson.meta.exercise}" if lesson.meta.exercise else ""
    lines = [f"[dim]lesson {lesson.meta.order} · {lesson.meta.minutes} min · builds on: {needs} · "
             f"quiz: {len(lesson.quiz.questions)} question{'s' * (len(lesson.quiz.questions) != 1)}{lab}[/]"]
    if not _OBJECTIVES_HEADING.search(lesson.body):
        lines += ["[b]You will be able to[/b]"] + [f"  • {objective}" for objective in lesson.meta.objectives]
    return lines
