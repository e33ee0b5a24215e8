"""Every line of every code block in the bundled lessons fits 76 columns: at 80 columns the reader
keeps 77 for text, so no code is ever cut or scrolled sideways in a standard terminal."""

from __future__ import annotations

import re
import unicodedata

from dltutor.content import load_course
from dltutor.settings import lessons_dir

LIMIT = 76
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def columns(line: str) -> int:
    """Terminal cells: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)


def test_every_code_line_fits_76_columns():
    too_long = []
    for lesson in load_course(lessons_dir()).lessons:
        inside = False
        for number, line in enumerate(lesson.body.splitlines(), 1):
            if FENCE.match(line):
                inside = not inside
            elif inside and columns(line) > LIMIT:
                too_long.append(f"{lesson.id}: body line {number}: {columns(line)} columns: {line.strip()[:40]}")
    assert not too_long, "\n".join(too_long)
