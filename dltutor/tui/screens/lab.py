"""The lab: the exercise's hyperparameters as a form, Start/Stop, live charts, the exercise's picture, the verdict.

Training runs in a thread worker that only appends events to a deque; a timer drains it
four times a second and redraws once. The trainer never waits for the screen, and the
screen never draws more than it can see (it drops frames, not steps). torch is imported
in a worker when the screen opens, so the app starts without it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Literal

from pydantic import BaseModel, Field, create_model
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (Button, Footer, Header, Input, LoadingIndicator, ProgressBar, Static, TabbedContent,
                             TabPane)
from textual.worker import get_current_worker

from dltutor.content import Lesson

REDRAW_S = 0.25  # at most four redraws a second, however fast events arrive


def run_settings_model(devices: list[str]) -> type[BaseModel]:
    """What the learner may set that is not a hyperparameter: device (those present here) and seed."""
    return create_model(
        "RunSettings",
        device=(Literal[tuple(devices)], Field(devices[0], description="where to train; auto picks the fastest")),
        seed=(int, Field(0, ge=0, description="random seed: same seed, same run (on CPU)")),
    )


class LabScreen(Screen[None]):
    HELP = """\
Set the hyperparameters on the left (each is checked as you type; the line under it says
what is wrong), then **s**, Enter in a field, or the Start button trains the lesson's exercise here, live.
**x** stops a run within a second. The tabs show the loss, the metrics, the exercise's own
picture and, at the end, the verdict against the target and your previous best run.
Leaving the lab or quitting stops a run cleanly. Every run that ends is saved to your progress
(as `dltutor train` does); a stopped one never counts as meeting the target.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "start", "Start"),
        Binding("x", "stop", "Stop"),
        Binding("1", "tab('loss')", "Loss", show=False),
        Binding("2", "tab('metrics')", "Metrics", show=False),
        Binding("3", "tab('view')", "View", show=False),
        Binding("4", "tab('result')", "Result", show=False),
    ]

    class RunEnded(Message):
        """Posted by the training thread after its last event, so the verdict shows without waiting a tick."""

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.title = f"Lab · {lesson.title}"
        self.exercise = None  # set once torch and the exercise module are loaded
        self.stop_flag = threading.Event()
        self.feed: deque = deque()  # events from the training thread, drained by the redraw timer
        self.running = False
        self.started = None  # the Started event of the current run
        self.last_step = None
        self.last_metrics: dict[str, float] = {}
        self.curves: dict[str, list[float]] = {}
        self.stale: set[str] = set()  # event kinds whose view has not been redrawn yet

    def compose(self) -> ComposeResult:
        from dltutor.tui.widgets.run_chart import RunChart
        from dltutor.tui.widgets.sample_view import SampleView

        yield Header(icon="◆")
        with Horizontal(id="lab-top"):
            yield Static(id="lab-target")
            yield Static("device: …", id="device-badge")
        yield LoadingIndicator(id="lab-loading")
        with Horizontal(id="lab-main"):
            with Vertical(id="left"):
                with Horizontal(id="run-buttons"):
                    yield Button("Start (s)", id="start", variant="success")
                    yield Button("Stop (x)", id="stop", variant="error", disabled=True)
            with Vertical(id="lab-right"):
                yield Static("Ready: s (or Enter in a field) starts a run.", id="run-status")
                yield ProgressBar(total=1, show_eta=False, id="run-progress")
                with TabbedContent(id="lab-tabs"):
                    with TabPane("Loss", id="loss"):
                        yield RunChart("loss", "step", id="loss-chart")
                    with TabPane("Metrics", id="metrics"):
                        yield RunChart("metrics", "epoch", id="metric-chart")
                    with TabPane("View", id="view"):
                        yield SampleView(id="sample-view")
                    with TabPane("Result", id="result-tab"):
                        yield Static("No run yet.", id="result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lab-target", Static).update("Loading PyTorch and the exercise…")
        self._load()
        self.set_interval(REDRAW_S, self._drain)

    # -- loading (torch import happens here, off the UI thread) ----------------------

    @work(thread=True, group="lab-load")
    def _load(self) -> None:
        from dltutor.lab.device import pick_device
        from dltutor.lab.registry import get_exercise

        try:
            exercise = get_exercise(self.lesson.meta.exercise)
        except (KeyError, ImportError) as exc:
            self.app.call_from_thread(self._load_failed, escape(f"the exercise '{self.lesson.meta.exercise}' is "
                                                                f"not available ({type(exc).__name__}: {exc})"))
            return
        choice = pick_device()
        self.app.call_from_thread(self._loaded, exercise, choice.badge, available_devices())

    @property
    def gone(self) -> bool:
        """Left before the loader finished (Esc while PyTorch was loading): nothing to fill in."""
        return self not in self.app.screen_stack

    def _load_failed(self, message: str) -> None:
        if self.gone:
            return
        self.query_one("#lab-loading").remove()
        self.query_one("#lab-target", Static).update(f"[red]Cannot open the lab: {message}[/]")

    async def _loaded(self, exercise, badge: str, devices: list[str]) -> None:
        from dltutor.tui.widgets.params_form import ParamsForm

        if self.gone:
            return
        self.exercise = exercise
        self.query_one("#lab-target", Static).update(f"[b]{escape(exercise.title)}[/b] · target: {escape(exercise.target)}")
        self.query_one("#device-badge", Static).update(escape(badge))
        await self.query_one("#lab-loading").remove()
        await self.query_one("#left").mount(ParamsForm(run_settings_model(devices), exercise.Params, id="params"))
        self.query_one("#lab-main").display = True
        self.query_one("#start").focus()
        self.refresh_bindings()

    # -- starting and stopping ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "start":
            return self.exercise is not None and not self.running or None
        if action == "stop":
            return self.running or None
        return True

    def action_tab(self, tab: str) -> None:
        if self.exercise is not None:
            self.query_one(TabbedContent).active = "result-tab" if tab == "result" else tab

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)  # Enter in a field starts the run: no need to leave the form first
    def action_start(self) -> None:
        from dltutor.tui.widgets.params_form import ParamsForm

        if self.exercise is None or self.running:
            return
        values = self.query_one(ParamsForm).validate()
        if values is None:
            self.notify("Fix the values marked in red first.", severity="error")
            return
        settings, params = values
        self.stop_flag = threading.Event()
        self.feed.clear()
        self.started, self.last_step, self.last_metrics, self.curves = None, None, {}, {}
        for chart in ("#loss-chart", "#metric-chart", "#sample-view"):
            self.query_one(chart).clear()
        self.query_one("#result", Static).update("Training…")
        self.query_one("#result").set_classes("")
        self.query_one(TabbedContent).active = "loss"
        self._set_running(True)
        self._train(params, settings.device, settings.seed)

    @on(Button.Pressed, "#stop")
    def action_stop(self) -> None:
        if self.running:
            self.stop_flag.set()
            self.query_one("#run-status", Static).update("Stopping…")

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.query_one("#start", Button).disabled = running
        self.query_one("#stop", Button).disabled = not running
        self.query_one("#params").disabled = running
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="lab-run", exit_on_error=False)
    def _train(self, params: BaseModel, device: str, seed: int) -> None:
        from dltutor.lab.events import Failed
        from dltutor.lab.exercise import run

        worker = get_current_worker()
        try:
            for event in run(self.exercise, params, device=None if device == "auto" else device,
                             stop=self.stop_flag, seed=seed):
                self.feed.append(event)
                if worker.is_cancelled:  # the screen went away: end the run at the next step
                    self.stop_flag.set()
        except Exception as exc:  # a bug in an exercise must not take the app down; show it instead
            self.feed.append(Failed(self.exercise.id, f"The exercise crashed: {type(exc).__name__}: {exc}"))
        self.post_message(self.RunEnded())  # thread-safe

    def on_lab_screen_run_ended(self) -> None:
        self._drain()

    def on_unmount(self) -> None:
        self.stop_flag.set()  # leaving the screen or quitting ends the run; the worker sees it within a step

    # -- drawing (runs on the UI thread, REDRAW_S apart) ---------------------------------

    def _drain(self) -> None:
        if not self.feed:
            return
        handlers = {"started": self._on_started, "step": self._on_step, "epoch": self._on_epoch,
                    "sample": self._on_sample, "finished": self._on_finished, "failed": self._on_failed}
        touched = set()
        while self.feed:
            event = self.feed.popleft()
            touched.add(event.event)
            handlers[event.event](event)
        self.stale.update(touched & {"step", "epoch", "sample"})
        self._redraw_visible()
        if self.running:
            self._show_status()

    def _redraw_visible(self) -> None:
        """Draw only what is on screen; the other tabs catch up when they are shown."""
        shown = {"loss": "step", "metrics": "epoch", "view": "sample"}.get(self.query_one(TabbedContent).active)
        if shown not in self.stale:
            return
        self.stale.discard(shown)
        if shown == "sample":
            self.query_one("#sample-view").refresh()
        else:
            self.query_one("#loss-chart" if shown == "step" else "#metric-chart").replot()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self._redraw_visible()

    def _on_started(self, event) -> None:
        self.started = event
        self.run_clock = time.monotonic()
        self.query_one("#device-badge", Static).update(
            escape(f"{event.device['device']} · {event.device['name']} · {event.device['detail']}"))
        self.query_one(ProgressBar).update(total=event.total_steps or None, progress=0)

    def _on_step(self, event) -> None:
        self.last_step = event
        self.query_one("#loss-chart").add(event.step, event.values)
        for name, value in event.values.items():
            self.curves.setdefault(name, []).append(value)

    def _on_epoch(self, event) -> None:
        self.last_metrics = event.metrics
        self.query_one("#metric-chart").add(event.epoch, event.metrics)
        for name, value in event.metrics.items():
            self.curves.setdefault(name, []).append(value)

    def _on_sample(self, event) -> None:
        self.query_one("#sample-view").add(event.kind, event.data, event.step)

    def _show_status(self) -> None:
        step = self.last_step
        elapsed = time.monotonic() - getattr(self, "run_clock", time.monotonic())
        parts = [f"step {step.step}" if step else "starting", f"{step.steps_per_s:.0f} steps/s" if step else "",
                 f"{elapsed:.1f} s"]
        if self.last_metrics:
            parts += [f"{k} {v:.3g}" for k, v in list(self.last_metrics.items())[:3]]
        self.query_one("#run-status", Static).update(escape(" · ".join(p for p in parts if p)))
        if step:
            self.query_one(ProgressBar).update(progress=step.step)

    def _on_finished(self, event) -> None:
        self._set_running(False)
        self.query_one(ProgressBar).update(progress=event.steps)
        store = self.app.store
        previous = store.best_run(self.lesson.id, curves=False)
        result = self.query_one("#result", Static)
        # Saved like `dltutor train` saves it, stopped runs included (their target is never counted as met).
        store.record_run(self.lesson.id, event.exercise, self.started.hyperparameters, self.started.device["device"],
                         event.metrics, event.target_met, event.duration_s, self.curves)
        if event.stopped:
            verdict = "[b yellow]Stopped by you[/]: not judged against the target"
        else:
            verdict = "[b green]✔ Target met[/]" if event.target_met else "[b yellow]✘ Target not met yet[/]"
        result.set_classes("-met" if event.target_met else "-missed")
        table = Table(box=None, header_style="bold", padding=(0, 2, 0, 0))
        table.add_column("metric")
        table.add_column("this run", justify="right")
        if previous:
            table.add_column("previous best", justify="right")
        for name, value in event.metrics.items():
            old = (previous or {}).get("metrics", {}).get(name)
            table.add_row(Text(name), _fmt(value), *([_fmt(old)] if previous else []))
        summary = (f"{verdict}\nTarget: {escape(event.target)}\n{event.steps} steps in {event.duration_s:.1f} s "
                   f"({event.steps_per_s:.0f} steps/s)")
        if previous:
            summary += f" · previous best run {'met' if previous['target_met'] else 'missed'} the target"
        result.update(_group(summary, table))
        self.query_one("#run-status", Static).update(verdict + " — see the Result tab (4).")
        self.query_one(TabbedContent).active = "result-tab"

    def _on_failed(self, event) -> None:
        from dltutor.lab.events import failure_text

        self._set_running(False)
        result = self.query_one("#result", Static)
        result.update("[b red]✘ The run failed[/]" + (f" at step {event.step}" if event.step else "")
                      + f"\n\n{escape(failure_text(event, remedy_phrase))}")
        result.set_classes("-failed")
        self.query_one("#run-status", Static).update("[red]The run failed[/] — see the Result tab (4).")
        self.query_one(TabbedContent).active = "result-tab"


def remedy_phrase(remedy) -> str:
    """A remedy in the app's words: the form field, never a command-line flag."""
    from dltutor.lab.events import value_text

    if remedy.action == "lower":
        return f"lower the {remedy.knob} field" + (f" (try {value_text(remedy.value)})" if remedy.value is not None
                                                   else "")
    return f"set the {remedy.knob} field to {value_text(remedy.value)}"


def _fmt(value) -> str:
    return f"{value:.4g}" if isinstance(value, (int, float)) else "—"


def _group(text: str, table: Table):
    from rich.console import Group

    return Group(Text.from_markup(text), Text(""), table)


def available_devices() -> list[str]:
    """auto, then every device this machine has (called in the loader thread, where torch is imported)."""
    import torch

    devices = ["auto", "cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    return devices + (["mps"] if mps and mps.is_available() else [])
