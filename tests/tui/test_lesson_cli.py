"""`dltutor lesson NAME [--print]`: the lesson on stdout, or a clear usage error for an unknown name."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from dltutor.cli import app
from tests.tui.conftest import COURSE

runner = CliRunner()


def test_unknown_lesson_exits_2_with_the_known_names_and_a_suggestion():
    result = runner.invoke(app, ["--lessons", str(COURSE), "lesson", "nurons"])
    assert result.exit_code == 2
    assert "did you mean 'neurons'" in result.stderr and "neurons, layers" in result.stderr


def test_print_renders_the_lesson_with_its_header_and_next_steps():
    result = runner.invoke(app, ["--lessons", str(COURSE), "lesson", "layers", "--print"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Layers" in out and "builds on: neurons" in out and "n·m weights" in out
    assert "Count the parameters of a dense layer" in out  # objectives: the text has no section of its own
    assert "dltutor quiz layers" in out and "dltutor train layers" not in out  # no exercise


def test_print_does_not_import_torch_or_textual():
    code = ("import sys; from dltutor.cli import app; "
            f"app(['--lessons', {str(COURSE)!r}, 'lesson', 'neurons', '--print'], standalone_mode=False); "
            "print('torch' in sys.modules, 'textual.app' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False False"


def test_the_app_starts_without_importing_torch():
    code = """
import asyncio, sys
from dltutor.content import load_course
from dltutor.tui.app import TutorApp
async def main():
    app = TutorApp(load_course(__import__('pathlib').Path(%r)), "neurons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        print(type(app.screen).__name__, 'torch' in sys.modules)
asyncio.run(main())
""" % str(COURSE)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["LessonScreen", "False"]


def test_a_lesson_is_found_by_its_id_in_any_case_or_its_roadmap_number():
    for name in ("LAYERS", "Layers", "2"):
        result = runner.invoke(app, ["--lessons", str(COURSE), "lesson", name, "--print"])
        assert result.exit_code == 0, (name, result.output)
        assert "builds on: neurons" in result.stdout
    assert runner.invoke(app, ["--lessons", str(COURSE), "lesson", "9", "--print"]).exit_code == 2
