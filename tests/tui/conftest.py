"""Shared pieces for the app's tests: a fixed little course, a fake exercise, waiting helpers."""

from __future__ import annotations

import asyncio
import inspect
import time
from pathlib import Path

import pytest

from dltutor.content import load_course

COURSE = Path(__file__).parent / "course"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (Textual's run_test is async; no plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture
def course():
    return load_course(COURSE)


@pytest.fixture
def make_app(course):
    from dltutor.tui.app import TutorApp

    return lambda lesson_id=None: TutorApp(course, lesson_id)


@pytest.fixture(scope="session")
def fake_trainer():
    """One training process for the whole test session (it imports torch once), running the fake exercise."""
    from dltutor.lab.remote import Trainer

    trainer = Trainer(setup="tests.tui.fake_exercise:install")
    trainer.start()
    yield trainer
    trainer.close()


@pytest.fixture
def fake_lab(monkeypatch, fake_trainer):
    """Apps made in this test train in the shared process, with the fake exercise and a fixed device badge."""
    from dltutor.tui.app import TutorApp

    monkeypatch.setattr(TutorApp, "trainer", property(lambda app: fake_trainer))
    return fake_trainer


async def wait_for(pilot, condition, timeout: float = 60.0, step: float = 0.05) -> None:
    """Let the app run until `condition()` holds (the lab imports torch in a worker, so be patient)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await pilot.pause(step)


def ready(screen) -> bool:
    """Has this screen been painted since it was shown (so it takes keys; see screens/ready.py)?"""
    from textual._time import get_time

    return getattr(screen, "keys_from", 0) <= get_time()


async def shown(pilot, screen_type, timeout: float = 30.0):
    """Wait until a screen of this type is on top and takes keys; return it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type) and ready(pilot.app.screen), timeout)
    return pilot.app.screen


async def press_when_ready(pilot, *keys: str) -> None:
    """Press keys one by one, each once the screen on top takes keys (as a person who looks first)."""
    for key in keys:
        await wait_for(pilot, lambda: ready(pilot.app.screen), 10)
        await pilot.press(key)


async def open_lab(pilot, lesson_id: str = "neurons"):
    app = pilot.app
    app.open_lab(lesson_id)
    await wait_for(pilot, lambda: bool(app.screen.query("#params")))
    await pilot.pause()
    return app.screen


def set_params(screen, **values) -> None:
    for name, value in values.items():
        screen.query_one(f"#param-{name}").value = value


async def run_to_end(pilot, lab, **params) -> None:
    """Set hyperparameters, press s, and wait until the run has ended and been drawn."""
    set_params(lab, **params)
    await pilot.press("f6")
    await wait_for(pilot, lambda: not lab.running, timeout=30)
    await pilot.pause(0.3)


async def start_long_run(pilot, lab) -> None:
    """Start a run that would take minutes, and wait until it is really training."""
    set_params(lab, steps="100000", delay="0.01")
    await pilot.press("f6")
    await wait_for(pilot, lambda: lab.last_step is not None, timeout=30)
