"""Snapshots of every screen at 100×30 and 80×24 (update with `pytest tests/tui --snapshot-update`).

The fixed course and the fake exercise keep them independent of the real lessons; the device
badge is pinned and no timing is on screen when they are taken.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from dltutor.tui.screens.lesson import LessonScreen
from dltutor.tui.screens.quiz import QuizScreen
from tests.tui.conftest import open_lab, press_when_ready, run_to_end, shown

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


async def settle(pilot) -> None:
    screen = pilot.app.screen
    if isinstance(screen, LessonScreen):
        await screen.until_rendered()
    await pilot.pause(0.2)
    await pilot.wait_for_scheduled_animations()  # a focus that scrolls into view, under load
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
def test_lesson_with_a_wide_table_and_a_long_code_line(snap_compare, make_app, size):
    async def run_before(pilot):
        lesson = await shown(pilot, LessonScreen)
        await lesson.show_section("Counting parameters")
        await settle(pilot)

    assert snap_compare(make_app("layers"), terminal_size=size, run_before=run_before)


@SIZES
def test_lesson_contents(snap_compare, make_app, size):
    async def run_before(pilot):
        await shown(pilot, LessonScreen)
        await press_when_ready(pilot, "c")
        await settle(pilot)

    assert snap_compare(make_app("neurons"), terminal_size=size, run_before=run_before)


async def quiz_summary(pilot) -> None:
    """The quiz's result after a round with some answers wrong (the ideas to revisit are listed)."""
    pilot.app.open_quiz("neurons")
    await shown(pilot, QuizScreen)
    for keys in (["a"], ["0", ".", "5"], ["t"], ["a"], list("xor"), []):
        await press_when_ready(pilot, *keys, "enter", "enter")
    await settle(pilot)


async def help_screen(pilot) -> None:
    await press_when_ready(pilot, "question_mark")
    await settle(pilot)


async def quiz_question_with_hint(pilot) -> None:
    pilot.app.open_quiz("neurons")
    await shown(pilot, QuizScreen)
    await press_when_ready(pilot, "f2")
    await settle(pilot)


async def lab_before_a_run(pilot) -> None:
    await open_lab(pilot)
    await settle(pilot)


async def lab_after_a_run(pilot) -> None:
    lab = await open_lab(pilot)
    await run_to_end(pilot, lab, steps="20")
    await pilot.press("f4")  # the exercise's own picture
    await settle(pilot)


@SIZES
def test_quiz_summary_with_ideas_to_revisit(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=quiz_summary)


@SIZES
def test_help(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=help_screen)


@SIZES
def test_quiz_question_with_hint(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=quiz_question_with_hint)


@SIZES
def test_quiz_feedback(snap_compare, make_app, size):
    async def run_before(pilot):
        pilot.app.open_quiz("neurons")
        await shown(pilot, QuizScreen)
        await press_when_ready(pilot, "enter")  # a: wrong
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_lab_before_a_run(snap_compare, make_app, fake_lab, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=lab_before_a_run)


@SIZES
def test_lab_after_a_run(snap_compare, make_app, fake_lab, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=lab_after_a_run)
