"""House style a test can check: code fits a narrow terminal, and the text speaks to the learner.

Every line inside a lesson's code block fits 76 columns, so nothing wraps; no lesson or quiz speaks
of the course's own making ("seed posts", "on this machine"): the learner has no idea what those are.
"""

import re

import pytest
from rich.cells import cell_len

from tests.lessons.answer_key import COURSE

WIDTH = 76
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_code_lines_fit_76_columns(lesson):
    wide = []
    text = (lesson.folder / "lesson.md").read_text(encoding="utf-8")
    for block in FENCE.finditer(text):
        first = text[: block.start()].count("\n") + 1  # the fence's own line
        for offset, line in enumerate(block.group(1).splitlines(), start=1):
            if cell_len(line) > WIDTH:
                wide.append(f"{lesson.folder.name}/lesson.md:{first + offset}: {cell_len(line)} columns")
    assert not wide, "code lines wider than 76 columns:\n" + "\n".join(wide)


INSIDER = re.compile(r"seed (?:blog )?posts?|our seed|on (?:this|our) machine", re.IGNORECASE)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_text_speaks_to_the_learner(lesson):
    found = []
    for name in ("lesson.md", "quiz.yaml"):
        text = (lesson.folder / name).read_text(encoding="utf-8")
        found += [f"{lesson.folder.name}/{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}"
                  for m in INSIDER.finditer(text)]
    assert not found, "words only the course's authors understand:\n" + "\n".join(found)
