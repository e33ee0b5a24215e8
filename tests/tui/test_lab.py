"""Pilot tests of the lab screen: its keys from every focused widget, the record of every run,
the status line, the remembered form, and a training process that dies."""

from __future__ import annotations

import os
import signal

import pytest
from pydantic import BaseModel, Field
from textual.app import App
from textual.widgets import Label, ProgressBar, Select, TabbedContent

from dltutor.tui.widgets.params_form import ParamsForm
from tests.tui.conftest import open_lab, run_to_end, set_params, start_long_run, wait_for
from tests.tui.test_app import text_of

TAB_KEYS = {"f2": "loss", "f3": "metrics", "f4": "view", "f5": "result-tab"}
FOCUS = ["#param-lr", "#param-device", "#start", "#lab-tabs Tabs"]  # a text box, a choice, a button, the tabs


async def test_lab_keys_work_from_every_focused_widget(make_app, fake_lab):
    from dltutor.tui.screens.help import HelpScreen
    from dltutor.tui.screens.lab import LabScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for selector in FOCUS:
            lab = await open_lab(pilot)
            tabs = lab.query_one(TabbedContent)
            set_params(lab, steps="100000", delay="0.01")
            lab.query_one(selector).focus()
            await pilot.pause()
            for key, tab in TAB_KEYS.items():
                await pilot.press(key)
                assert tabs.active == tab, f"{key} with focus on {selector}"
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen), selector
            await pilot.press("escape")
            lab.query_one(selector).focus()
            await pilot.press("f6")
            await wait_for(pilot, lambda: lab.running and lab.last_step is not None, timeout=30)
            await pilot.press("f7")
            await wait_for(pilot, lambda: not lab.running, timeout=5)
            assert "Stopped by you" in text_of(lab, "#run-status"), selector
            lab.query_one(selector).focus()
            await pilot.press("escape")
            assert not isinstance(app.screen, LabScreen), f"escape with focus on {selector}"
        assert len(app.store.runs("neurons")) == len(FOCUS)


async def test_digits_and_letters_typed_outside_a_field_do_not_switch_tabs(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(pilot)
        lab.query_one("#start").focus()
        await pilot.press("2", "3", "4", "1", "5")
        assert lab.query_one(TabbedContent).active == "loss" and not lab.running


async def test_status_line_drops_old_verdict_and_shows_no_rate_too_early(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await start_long_run(pilot, lab)
        await pilot.press("f7")
        await wait_for(pilot, lambda: not lab.running, timeout=5)
        assert "Stopped by you" in text_of(lab, "#run-status")
        await pilot.press("f6")
        assert "Stopped" not in text_of(lab, "#run-status")  # gone at once, not at the first redraw
        await wait_for(pilot, lambda: lab.last_step is not None and "step" in text_of(lab, "#run-status"))
        assert "steps/s" not in text_of(lab, "#run-status")  # one step is too few for a rate
        await pilot.press("f7")
        await wait_for(pilot, lambda: not lab.running, timeout=5)


async def test_finished_run_keeps_the_tab_shows_the_verdict_and_a_full_bar_after_early_stopping(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await pilot.press("f3")
        await run_to_end(pilot, lab, steps="40", mode="early")
        assert lab.query_one(TabbedContent).active == "metrics"
        assert "Target met" in text_of(lab, "#run-status")
        assert lab.query_one(ProgressBar).percentage == 1.0
        assert app.store.runs("neurons")[-1]["hyperparameters"]["mode"] == "early"


async def test_reopening_the_lab_shows_the_last_values_and_the_best_run(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await run_to_end(pilot, lab, steps="20", lr="0.25", seed="3")
        await pilot.press("escape")
        lab = await open_lab(pilot)
        assert lab.query_one("#param-lr").value == "0.25" and lab.query_one("#param-seed").value == "3"
        assert "best run" in text_of(lab, "#result") and "No run yet" not in text_of(lab, "#result")
    app = make_app()  # a new session: the values come from the saved run
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        assert lab.query_one("#param-lr").value == "0.25" and lab.query_one("#param-steps").value == "20"
        assert "best run: target met" in text_of(lab, "#run-status")


async def test_a_training_process_that_dies_ends_the_run_with_a_reason(make_app, fake_lab):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        await start_long_run(pilot, lab)
        os.kill(fake_lab.pid, signal.SIGKILL)
        await wait_for(pilot, lambda: not lab.running, timeout=10)
        assert "SIGKILL" in text_of(lab, "#result")
        assert len(app.store.runs("neurons")) == 1  # saved once, with what it had reached
        assert app.store.runs("neurons")[0]["outcome"] == "failed"
        await run_to_end(pilot, lab, steps="5")  # a new process takes over
        assert "Target" in text_of(lab, "#run-status") and len(app.store.runs("neurons")) == 2
        assert app.store.runs("neurons")[1]["outcome"] == "finished"


class Long(BaseModel):
    digits_epochs: int = Field(15, ge=1)
    a_name_longer_than_the_label_column: float = 0.5
    lr: float = 0.1


class FormApp(App):
    def compose(self):
        yield ParamsForm(Long, start={"lr": 0.3, "nope": 1})


@pytest.mark.parametrize("name, shown", [("digits_epochs", "digits_epochs"),
                                         ("a_name_longer_than_the_label_column", "a_name_longe…")])
async def test_long_parameter_names_never_run_into_their_values(name, shown):
    app = FormApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        labels = {str(label.content): label for label in app.query(Label)}
        label = labels[shown]
        field = app.query_one(f"#param-{name}")
        assert len(shown) < label.region.width and label.region.right <= field.region.x  # a blank column between
        assert app.query_one("#param-lr").value == "0.3"  # a start value replaces the default
        assert not isinstance(field, Select)


async def test_full_width_numbers_are_read_as_numbers():
    app = FormApp()
    async with app.run_test(size=(60, 20)) as pilot:
        form = app.query_one(ParamsForm)
        app.query_one("#param-digits_epochs").value = "１２"
        app.query_one("#param-lr").value = "０．２５"
        await pilot.pause()
        values = form.validate()
        assert values is not None and values[0].digits_epochs == 12 and values[0].lr == 0.25


async def test_a_run_stuck_in_a_long_step_still_stops(make_app, fake_lab, monkeypatch):
    from dltutor.tui.screens import lab as lab_screen

    monkeypatch.setattr(lab_screen, "STOP_GRACE_S", 0.5)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(pilot)
        set_params(lab, steps="10", delay="30")  # the first step takes 30 s
        await pilot.press("f6")
        await wait_for(pilot, lambda: lab.started is not None, timeout=30)
        await pilot.press("f7")
        await wait_for(pilot, lambda: not lab.running, timeout=5)
        assert "did not stop within 0.5 s" in text_of(lab, "#result")
        assert len(app.store.runs("neurons")) == 1
