"""The app started from a cached outline: the roadmap without the course, then the course behind it."""

from __future__ import annotations

import shutil

import dltutor.tui.app as tui_app
from dltutor.content.outline import CourseSource
from dltutor.tui.app import TutorApp
from dltutor.tui.screens.lesson import LessonScreen
from tests.tui.conftest import COURSE, press_when_ready, shown, wait_for


def _source(tmp_path) -> CourseSource:
    root = tmp_path / "lessons"
    shutil.copytree(COURSE, root)
    CourseSource(root, tmp_path / "cache").load()  # a previous start wrote the outline
    source = CourseSource(root, tmp_path / "cache")
    assert source.outline is not None
    return source


async def test_the_roadmap_comes_from_the_outline_and_enter_loads_the_lesson(tmp_path, monkeypatch):
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 60)  # the learner is faster than the background load
    source = _source(tmp_path)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#lessons").row_count == len(source.outline.lessons)
        assert not source.loaded
        await press_when_ready(pilot, "enter")
        lesson = await shown(pilot, LessonScreen)
        assert source.loaded and lesson.lesson.id == source.outline.ids[0]


async def test_the_course_loads_in_the_background_after_the_first_screen(tmp_path, monkeypatch):
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 0.05)
    source = _source(tmp_path)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: source.loaded, timeout=30)
        assert app.outline is app.course  # once loaded, the roadmap shows the course itself
