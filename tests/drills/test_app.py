"""The app's Drills screen, driven by keys: edit with $EDITOR (a fake one), live results on save, hint, solution."""

from __future__ import annotations

import asyncio
import shutil
import stat
import time
from pathlib import Path

import pytest

from dltutor.drills.workspace import Workspace
from tests.drills.conftest import FIXTURE_BANK
from tests.drills.test_cli import SharedRunner
from tests.tui.conftest import press_when_ready  # a screen takes keys once painted (screens/ready.py)

TUI_COURSE = Path(__file__).parents[1] / "tui" / "course"


@pytest.fixture
def neurons_bank(tmp_path, monkeypatch):
    """The fake fx-double drill, moved to the test course's lesson 'neurons'."""
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK / "concepts" / "fx-double", bank / "neurons" / "fx-double")
    meta = bank / "neurons" / "fx-double" / "drill.yaml"
    meta.write_text(meta.read_text().replace("lesson: concepts", "lesson: neurons"))
    monkeypatch.setenv("DLTUTOR_DRILL_BANK", str(bank))
    monkeypatch.setenv("DLTUTOR_LESSONS", str(TUI_COURSE))
    return bank


async def wait_for(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        await pilot.pause(0.05)


def test_drills_screen_edit_check_watch_hint_solution(tmp_path, neurons_bank, runner, monkeypatch):
    from dltutor.content import load_course
    from dltutor.drills.catalog import load_drills
    from dltutor.tui.app import TutorApp
    from dltutor.tui.screens.drills import DrillsScreen
    from dltutor.tui.screens.lesson import LessonScreen

    drills = load_drills(bank=neurons_bank)
    ws, _, _ = Workspace.init(tmp_path / "ws", drills)
    monkeypatch.setenv("DLTUTOR_DRILLS", str(ws.root))
    editor = tmp_path / "editor.sh"  # the learner "types" the right answer
    editor.write_text(f"#!/bin/sh\ncp '{drills[0].solution_path}' \"$1\"\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    path = ws.path_of(drills[0])

    async def scenario():
        app = TutorApp(load_course(TUI_COURSE))
        app._drill_runner = SharedRunner(runner)
        async with app.run_test(size=(100, 30)) as pilot:
            await press_when_ready(pilot, "d")  # from the roadmap: the selected lesson's drills
            await wait_for(pilot, lambda: isinstance(app.screen, DrillsScreen))
            screen = app.screen
            await pilot.pause()
            assert screen.lesson.id == "neurons" and [d.id for d in screen.drills] == ["fx-double"]
            assert "not started" in str(screen.query_one("#drills").get_row_at(0)[0])
            await press_when_ready(pilot, "h")
            assert "Hint 1 of 3" in str(screen.notes["fx-double"])
            await press_when_ready(pilot, "s")  # locked: nothing passed or failed yet
            await pilot.pause()
            assert "Reference solution" not in str(screen.notes.get("fx-double"))
            await press_when_ready(pilot, "S")  # shift+s: show it anyway
            assert "Reference solution" in str(screen.notes["fx-double"].renderables[0])
            await press_when_ready(pilot, "h")  # the note below the result is the latest one asked for
            assert "Hint 2 of 3" in str(screen.notes["fx-double"])
            await press_when_ready(pilot, "e")  # the fake editor writes the solution, then the file is checked
            await wait_for(pilot, lambda: screen.results.get("fx-double", {}).get("status") == "passed")
            assert "passed" in str(screen.query_one("#drills").get_row_at(0)[0])
            path.write_text("def double(x):\n    return x + 2\n", encoding="utf-8")  # a save: checked live
            await wait_for(pilot, lambda: screen.results["fx-double"]["status"] == "failed")
            assert "multiply by 2" in screen.results["fx-double"]["message"]
            await press_when_ready(pilot, "s")  # passed once: the solution is open
            assert "Reference solution" in str(screen.notes["fx-double"].renderables[0])
            assert app.store.drills()["fx-double"]["passed"]
            await press_when_ready(pilot, "escape")
            assert isinstance(app.screen, LessonScreen)
        app.release()

    asyncio.run(scenario())
