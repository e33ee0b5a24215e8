"""The top of a lesson page, shared by the app and `dltutor lesson --print` (Rich Text; no Textual here).

Text objects, not markup strings, so brackets in a title or an objective are shown as written.
"""

from __future__ import annotations

import re

from rich.text import Text

from dltutor.content.translation import fallback_note
from dltutor.i18n import _, ngettext

# "Objectives" / "Learning objectives", or the Chinese "学习目标" of a translated lesson.
_OBJECTIVES_HEADING = re.compile(r"^#{1,3}\s+((learning\s+)?objectives\b|学习目标)", re.IGNORECASE | re.MULTILINE)


def lesson_header(lesson) -> Text:
    """The lesson's facts, then its objectives unless the text has an objectives section of its own."""
    needs = ", ".join(lesson.meta.requires) or _("nothing")
    count = len(lesson.quiz.questions)
    facts = ngettext("lesson {order} · {minutes} min · builds on: {needs} · quiz: {n} question",
                     "lesson {order} · {minutes} min · builds on: {needs} · quiz: {n} questions", count)
    facts = facts.format(order=lesson.meta.order, minutes=lesson.meta.minutes, needs=needs, n=count)
    if lesson.meta.exercise:
        facts += _(" · lab: {exercise}").format(exercise=lesson.meta.exercise)
    header = Text(facts, style="dim")
    note = fallback_note(lesson)
    if note:  # the app speaks Chinese but this lesson has no translation yet
        header = Text(note + "\n", style="italic").append_text(header)
    # Asked of the English text: a translation has the same sections, under headings in its own words.
    if not _OBJECTIVES_HEADING.search(lesson.english.body):
        header.append(_("\nYou will be able to"), style="bold")
        for objective in lesson.meta.objectives:
            header.append(f"\n  • {objective}")
    return header


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def markdown_chunks(body: str, first_lines: int, chunk_lines: int = 60) -> list[str]:
    """Cut Markdown into pieces at blank lines outside code fences: the first about `first_lines` long
    (one screenful, drawn before the first paint), the others about `chunk_lines`. Joined, they give
    `body` back exactly; a cut never falls inside a fenced code block."""
    lines = body.splitlines(keepends=True)
    chunks, start, fence = [], 0, None
    limit = first_lines
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker):]:
                fence = None
        elif fence is None and not line.strip() and i - start >= limit:
            chunks.append("".join(lines[start:i + 1]))
            start, limit = i + 1, chunk_lines
    chunks.append("".join(lines[start:]))
    return [chunk for chunk in chunks if chunk] or [""]
