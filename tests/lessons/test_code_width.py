"""Every line inside a lesson's code block fits a narrow terminal (76 columns), so nothing wraps."""

import re

import pytest
from rich.cells import cell_len

from tests.lessons.answer_key import COURSE

WIDTH = 76
# Lessons checked so far (issue 13); add each lesson once its code blocks fit.
CHECKED = {"concepts", "activations", "backprop", "cnn", "rnn", "gan", "framework", "workflow"}
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("lesson", [l for l in COURSE.lessons if l.id in CHECKED], ids=lambda l: l.id)
def test_code_lines_fit_76_columns(lesson):
    wide = []
    text = (lesson.folder / "lesson.md").read_text(encoding="utf-8")
    for block in FENCE.finditer(text):
        first = text[: block.start()].count("\n") + 1  # the fence's own line
        for offset, line in enumerate(block.group(1).splitlines(), start=1):
            if cell_len(line) > WIDTH:
                wide.append(f"{lesson.folder.name}/lesson.md:{first + offset}: {cell_len(line)} columns")
    assert not wide, "code lines wider than 76 columns:\n" + "\n".join(wide)
