"""The app in Chinese (`--lang zh`), at 100×30 and 80×24: the same screens as test_snapshots.py.

CJK characters are two cells wide, so these show what English cannot: footers that still fit
with every key, tables that stay aligned, nothing cut in the middle of a character. The test
course's first lesson has a Chinese translation (lesson.zh.md, quiz.zh.yaml), its second has none
and shows the note that says so; the app's own words (footer, headers, statuses, buttons, help,
verdicts) are Chinese.
"""

from __future__ import annotations

import pytest

from dltutor.tui.screens.drills import DrillsScreen
from tests.drills.test_app import neurons_bank  # noqa: F401 (a fixture: the fake drill, in lesson 'neurons')
from tests.tui.conftest import press_when_ready, shown
from tests.tui.test_snapshots import (SIZES, help_screen, lab_after_a_run, lab_before_a_run, quiz_question_with_hint,
                                      quiz_summary, settle)


async def drills_without_a_workspace(pilot) -> None:
    await press_when_ready(pilot, "d")
    await shown(pilot, DrillsScreen)
    await press_when_ready(pilot, "h")  # no workspace yet: a notice says how to make one
    await settle(pilot)


# name -> (the lesson the app opens at, what the learner does before the picture, fixtures it needs)
SCREENS = {
    "roadmap": (None, settle, ()),
    "lesson": ("neurons", settle, ()),
    "quiz_question_with_hint": (None, quiz_question_with_hint, ()),
    "quiz_summary": (None, quiz_summary, ()),
    "help": (None, help_screen, ()),
    "lab_before_a_run": (None, lab_before_a_run, ("fake_lab",)),
    "lab_after_a_run": (None, lab_after_a_run, ("fake_lab",)),
    "drills_without_a_workspace": (None, drills_without_a_workspace, ("neurons_bank", "no_workspace")),
}


@pytest.fixture
def no_workspace(tmp_path, monkeypatch):
    """No drills workspace here or above, none named: the drills screen offers to make one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)


@SIZES
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_in_chinese(zh, snap_compare, make_app, request, screen, size):  # zh first: the course loads in zh
    lesson, run_before, needs = SCREENS[screen]
    for fixture in needs:
        request.getfixturevalue(fixture)
    assert snap_compare(make_app(lesson), terminal_size=size, run_before=run_before)
