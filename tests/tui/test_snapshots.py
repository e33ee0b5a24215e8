"""Snapshots of every screen at 100×30 and 80×24 (update with `pytest tests/tui --snapshot-update`).

The fixed course and the fake exercise keep them independent of the real lessons; the device
badge is pinned and no timing is on screen when they are taken.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import open_lab, run_to_end

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


async def settle(pilot) -> None:
    await pilot.pause(0.2)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@SIZES
def test_roadmap(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@SIZES
def test_lesson(snap_compare, make_app, size):
    assert snap_compare(make_app("neurons"), terminal_size=size, run_before=settle)


@SIZES
def test_help(snap_compare, make_app, size):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size, run_before=settle)


@SIZES
def test_quiz_question_with_hint(snap_compare, make_app, size):
    async def run_before(pilot):
        pilot.app.open_quiz("neurons")
        await pilot.pause()
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_quiz_feedback(snap_compare, make_app, size):
    async def run_before(pilot):
        pilot.app.open_quiz("neurons")
        await pilot.pause()
        await pilot.press("enter")  # a: wrong
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_lab_before_a_run(snap_compare, make_app, fake_lab, size):
    async def run_before(pilot):
        await open_lab(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_lab_after_a_run(snap_compare, make_app, fake_lab, size):
    async def run_before(pilot):
        lab = await open_lab(pilot)
        await run_to_end(pilot, lab, steps="20")
        await pilot.press("f4")  # the exercise's own picture
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
