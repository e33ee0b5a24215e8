"""The app in Chinese (`--lang zh`), at 100×30 and 80×24: the same screens as test_snapshots.py.

CJK characters are two cells wide, so these show what English cannot: footers that still fit
with every key, tables that stay aligned, nothing cut in the middle of a character. The test
course's lessons have no Chinese translation, so their text stays English; the app's own words
(footer, headers, statuses, buttons, help, verdicts) are Chinese.
"""

from __future__ import annotations

import pytest

from dltutor.i18n import use_language
from dltutor.tui.screens.drills import DrillsScreen
from tests.drills.test_app import neurons_bank  # noqa: F401 (a fixture: the fake drill, in lesson 'neurons')
from tests.tui.conftest import press_when_ready, shown
from tests.tui.test_snapshots import (SIZES, help_screen, lab_after_a_run, lab_before_a_run, quiz_question_with_hint,
                                      quiz_summary, settle)


@pytest.fixture(autouse=True)
def zh(monkeypatch):
    """Chinese for this test; English again afterwards (and $DLTUTOR_LANG as it was)."""
    monkeypatch.setenv("DLTUTOR_LANG", "en")
    use_language("zh")
    yield
    use_language("en")


@SIZES
def test_roadmap_zh(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@SIZES
def test_lesson_zh(snap_compare, make_app, size):
    assert snap_compare(make_app("neurons"), terminal_size=size, run_before=settle)


@SIZES
def test_quiz_question_with_hint_zh(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=quiz_question_with_hint)


@SIZES
def test_quiz_summary_zh(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=quiz_summary)


@SIZES
def test_help_zh(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=help_screen)


@SIZES
def test_lab_before_a_run_zh(snap_compare, make_app, fake_lab, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=lab_before_a_run)


@SIZES
def test_lab_after_a_run_zh(snap_compare, make_app, fake_lab, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=lab_after_a_run)


@SIZES
def test_drills_without_a_workspace_zh(snap_compare, make_app, neurons_bank, tmp_path, monkeypatch, size):  # noqa: F811
    monkeypatch.chdir(tmp_path)  # no workspace here or above: the screen offers to make one
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)

    async def run_before(pilot):
        await press_when_ready(pilot, "d")
        await shown(pilot, DrillsScreen)
        await press_when_ready(pilot, "h")  # no workspace yet: a notice says how to make one
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
