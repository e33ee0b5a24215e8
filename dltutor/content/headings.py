"""A lesson's section headings (`##` and `###`), read from its Markdown outside code blocks.

Shared by the loader (a question's `section:` must name one) and quiz.sections (where a missed
question is taught).
"""

from __future__ import annotations

import re

HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def headings(body: str) -> list[str]:
    """Every `##` and `###` heading of a lesson's Markdown, in order (not those inside code blocks)."""
    found, fence = [], False
    for line in body.splitlines():
        if FENCE.match(line):
            fence = not fence
        match = None if fence else HEADING.match(line)
        if match:
            found.append(match.group(2))
    return found
