"""The top of a lesson page, shared by the app and `dltutor lesson --print` (Rich Text; no Textual here).

Text objects, not markup strings, so brackets in a title or an objective are shown as written.
"""

from __future__ import annotations

import re

from rich.text import Text

_OBJECTIVES_HEADING = re.compile(r"^#{1,3}\s+(learning\s+)?objectives\b", re.IGNORECASE | re.MULTILINE)


def lesson_header(lesson) -> Text:
    """The lesson's facts, then its objectives unless the text has an objectives section of its own."""
    needs = ", ".join(lesson.meta.requires) or "nothing"
    count = len(lesson.quiz.questions)
    lab = f" · lab: {lesson.meta.exercise}" if lesson.meta.exercise else ""
    header = Text(f"lesson {lesson.meta.order} · {lesson.meta.minutes} min · builds on: {needs} · "
                  f"quiz: {count} question{'s' * (count != 1)}{lab}", style="dim")
    if not _OBJECTIVES_HEADING.search(lesson.body):
        header.append("\nYou will be able to", style="bold")
        for objective in lesson.meta.objectives:
            header.append(f"\n  • {objective}")
    return header
