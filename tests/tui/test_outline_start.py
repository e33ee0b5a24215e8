"""The app started from a cached outline: the roadmap without the course, then the course behind it."""

from __future__ import annotations

import shutil

import pytest

import dltutor.tui.app as tui_app
from dltutor.content.outline import CourseSource
from dltutor.tui.app import TutorApp
from dltutor.tui.screens.lesson import LessonScreen
from tests.tui.conftest import COURSE, press_when_ready, shown, wait_for


def _source(tmp_path) -> CourseSource:
    root = tmp_path / "[/] lessons"  # brackets: messages that name the folder must not read them as markup
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


def _remove_first_lesson(source: CourseSource) -> str:
    """A teacher removes a lesson after the outline was read, before the course loads (the 0.2 s window)."""
    first = sorted(p for p in source.root.iterdir() if p.is_dir())[0]
    shutil.rmtree(first)
    return source.outline.ids[0]


async def test_a_lesson_removed_before_the_course_loads_is_refused_with_a_word(tmp_path, monkeypatch):
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 60)
    source = _source(tmp_path)
    gone = _remove_first_lesson(source)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_when_ready(pilot, "enter")  # on the removed lesson, still shown by the outline
        await pilot.pause()
        assert not isinstance(app.screen, LessonScreen) and app.is_running
        assert any("changed" in str(n.message) for n in app._notifications)
        # the roadmap follows the course
        await wait_for(pilot, lambda: gone not in app.screen.query_one("#lessons").rows, timeout=10)
        await press_when_ready(pilot, "enter")
        assert (await shown(pilot, LessonScreen)).lesson.id == source.outline.ids[1]


async def test_the_roadmap_follows_a_course_that_changed_while_it_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 0.05)
    source = _source(tmp_path)
    gone = _remove_first_lesson(source)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: source.loaded, timeout=30)
        await wait_for(pilot, lambda: gone not in app.screen.query_one("#lessons").rows, timeout=10)
        for key in ("down", "up", "enter"):  # every row is one the course knows
            await press_when_ready(pilot, key)
        assert (await shown(pilot, LessonScreen)).lesson.id == source.outline.ids[1]


@pytest.mark.parametrize("loads", ["on enter", "in the background"])
async def test_a_lessons_folder_gone_before_the_course_loads_closes_the_app_with_one_line(tmp_path, monkeypatch,
                                                                                        loads):
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 60 if loads == "on enter" else 0.05)
    source = _source(tmp_path)
    shutil.rmtree(source.root)
    app = TutorApp(source)
    said = []
    monkeypatch.setattr(app, "exit", lambda *args, **kwargs: said.append(kwargs) or TutorApp.exit(app, **kwargs))
    async with app.run_test(size=(80, 24)) as pilot:
        if loads == "on enter":
            await press_when_ready(pilot, "enter")
        await wait_for(pilot, lambda: not app.is_running, timeout=10)
    assert app.return_code == 2 and len(said) == 1
    assert str(said[0]["message"]).startswith("lessons folder not found: ")


@pytest.mark.parametrize("key, screen", [("z", "QuizScreen"), ("l", "LabScreen"), ("d", "DrillsScreen"),
                                         ("n", "LessonScreen")])
async def test_each_roadmap_key_works_before_the_course_has_loaded(tmp_path, monkeypatch, fake_lab, key, screen):
    """The learner is faster than the background load: each key loads the course itself, then acts."""
    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 60)
    source = _source(tmp_path)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_when_ready(pilot, key)
        await wait_for(pilot, lambda: type(app.screen).__name__ == screen, timeout=20)
        assert source.loaded and app.current_lesson.id == source.outline.ids[0]


async def test_the_command_palette_at_once_lists_the_course_before_it_has_loaded(tmp_path, monkeypatch):
    from textual.command import CommandPalette

    from dltutor.tui.screens.quiz import QuizScreen

    monkeypatch.setattr(tui_app, "LOAD_COURSE_AFTER_S", 60)
    source = _source(tmp_path)
    app = TutorApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_when_ready(pilot, "ctrl+p")  # as soon as the roadmap is painted (keys before are dropped)
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), 10)
        await pilot.press(*"take quiz layers")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        assert (await shown(pilot, QuizScreen)).lesson.id == "layers"


async def test_a_broken_lesson_row_says_so_and_its_detail_says_what_to_run(tmp_path):
    from textual.widgets import DataTable, Static

    from dltutor.content import load_course

    root = tmp_path / "lessons"
    shutil.copytree(COURSE, root)
    (root / "03-a-lesson-folder-with-a-very-long-name-that-cannot-fit").mkdir()
    app = TutorApp(load_course(root))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#lessons", DataTable)
        row = table.row_count - 1
        cell = table.get_row_at(row)[1]
        assert cell.plain.endswith("…") and "broken" not in cell.plain  # cut, and says it is cut
        table.move_cursor(row=row)
        await pilot.pause()
        detail = str(app.screen.query_one("#lesson-detail-text", Static).render())
        assert "dltutor validate" in detail and "a-lesson-folder" in detail
