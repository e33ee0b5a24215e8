"""The lab: the exercise's hyperparameters as a form, Start/Stop, live charts, the exercise's picture, the verdict.

Training runs in the app's training process (`dltutor.lab.remote.Trainer`), never in the app's
interpreter, so drawing and typing cannot slow it. A daemon thread reads the run's events from the
process and only appends them to a deque; a timer drains it four times a second and redraws once.
The screen never draws more than it can see (it drops frames, not steps). The threads are daemons
so that a read blocked on the process never holds up quitting.

Every run that starts is saved once: when its Finished or Failed event arrives, or, if the learner
leaves or quits first, at once as stopped with the metrics it had reached.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Literal

from pydantic import BaseModel, Field, create_model
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (Button, Header, Input, LoadingIndicator, ProgressBar, Static, TabbedContent,
                             TabPane)

from dltutor.content import Lesson
from dltutor.i18n import N_, _
from dltutor.tui.screens.ready import ReadyForKeys
from dltutor.tui.widgets.footer import key_footer

REDRAW_S = 0.25  # at most four redraws a second, however fast events arrive
STOP_GRACE_S = 1.0  # Stop ends a run within a second: one that is still in a long step is ended by force
RATE_AFTER_S = 1.0  # steps/s is shown once the run has trained this long: earlier it is mostly noise
READY = N_("Ready · F6 or Enter in a field starts a run")


def run_settings_model(devices: list[str]) -> type[BaseModel]:
    """What the learner may set that is not a hyperparameter: device (those present here) and seed."""
    return create_model(
        "RunSettings",
        device=(Literal[tuple(devices)], Field(devices[0], description=_("where to train; auto picks the fastest"))),
        seed=(int, Field(0, ge=0, description=_("random seed: same seed, same run (on CPU)"))),
    )


def in_background(target, *args) -> None:
    """Run `target(*args)` in a daemon thread: unlike a Textual thread worker, it never delays quitting."""
    threading.Thread(target=target, args=args, daemon=True, name="dltutor-lab").start()


class LabScreen(ReadyForKeys, Screen[None]):
    HELP = N_("""\
Set the hyperparameters on the left (each is checked as you type; the line under it says
what is wrong). **F6**, Enter in a field, or the Start button trains the lesson's exercise, live;
**F7** stops a run within a second. Outside a field, **s** and **x** do the same.
**F2** to **F5** show the tabs: the loss, the metrics, the exercise's own picture and the result
(the verdict against the target and your best run). The status line shows the verdict too.
When you come back, the form shows the values of your last run.
Leaving the lab or quitting stops a run. Every run is saved to your progress, with how it ended
(as `dltutor train` does); a stopped run never counts as meeting the target.
""")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("f6", "start", N_("Start"), key_display="F6"),
        Binding("f7", "stop", N_("Stop"), key_display="F7"),
        Binding("s", "start", show=False),  # outside a field only: there, s and x are text
        Binding("x", "stop", show=False),
        Binding("f2", "tab('loss')", N_("Loss tab"), key_display="F2", show=False),
        Binding("f3", "tab('metrics')", N_("Metrics tab"), key_display="F3", show=False),
        Binding("f4", "tab('view')", N_("View tab"), key_display="F4", show=False),
        Binding("f5", "tab('result')", N_("Result tab"), key_display="F5", show=False),
    ]

    class RunEnded(Message):
        """Posted by the reading thread after a run's last event, so the verdict shows without waiting a tick."""

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.title = _("Lab · {title}").format(title=lesson.title)
        self.exercise: dict | None = None  # the training process's description, once it has answered
        self.feed: deque = deque()  # events from the reading thread, drained by the redraw timer
        self.running = False
        self.run_id = 0  # events of an older run (after Esc, say) never reach a newer one's views
        self.recorded = True  # the current run is in the progress store
        self.started = None  # the Started event of the current run
        self.last_step = None
        self.first_step_at: float | None = None
        self.last_metrics: dict[str, float] = {}
        self.curves: dict[str, list[float]] = {}
        self.stale: set[str] = set()  # event kinds whose view has not been redrawn yet

    def compose(self) -> ComposeResult:
        from dltutor.tui.widgets.run_chart import RunChart
        from dltutor.tui.widgets.sample_view import SampleView

        yield Header(icon="◆")
        with Horizontal(id="lab-top"):
            yield Static(id="lab-target")
            yield Static(_("device: …"), id="device-badge")
        yield LoadingIndicator(id="lab-loading")
        with Horizontal(id="lab-main"):
            with Vertical(id="left"):
                with Horizontal(id="run-buttons"):
                    yield Button(_("Start F6"), id="start", variant="success")
                    yield Button(_("Stop F7"), id="stop", variant="error", disabled=True)
            with Vertical(id="lab-right"):
                yield Static(_(READY), id="run-status")
                yield ProgressBar(total=1, show_eta=False, id="run-progress")
                with TabbedContent(id="lab-tabs"):
                    with TabPane(_("Loss F2"), id="loss"):
                        yield RunChart(_("loss"), _("step"), id="loss-chart")
                    with TabPane(_("Metrics F3"), id="metrics"):
                        yield RunChart(_("metrics"), _("epoch"), id="metric-chart")
                    with TabPane(_("View F4"), id="view"):
                        yield SampleView(id="sample-view")
                    with TabPane(_("Result F5"), id="result-tab"):
                        yield Static(_("No run yet."), id="result")
        yield key_footer(self.app.size.width)

    def on_mount(self) -> None:
        self.query_one("#lab-target", Static).update(_("Loading PyTorch and the exercise…"))
        in_background(self._load, self.app.trainer, self.lesson.meta.exercise)
        self.set_interval(REDRAW_S, self._drain)

    def _from_thread(self, callback, *args) -> None:
        """Hand `callback(*args)` to the UI thread; nothing to do once the app has closed."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            pass

    # -- loading (the training process imports torch; this app never does) -----------

    def _load(self, trainer, exercise_id: str) -> None:
        from dltutor.lab.params_schema import model_from_schema
        from dltutor.lab.remote import TrainerError

        try:
            info = trainer.describe(exercise_id)
            params = model_from_schema(info["params_schema"], "Params")
        except (TrainerError, ValueError, KeyError) as exc:
            self._from_thread(self._load_failed, escape(str(exc)))
            return
        self._from_thread(self._loaded, info, params)

    @property
    def gone(self) -> bool:
        """Left before the loader finished (Esc while PyTorch was loading): nothing to fill in."""
        return self not in self.app.screen_stack

    def _load_failed(self, message: str) -> None:
        if self.gone:
            return
        self.query_one("#lab-loading").remove()
        self.query_one("#lab-target", Static).update(
            _("[red]Cannot open the lab: {message}[/]").format(message=message))

    async def _loaded(self, exercise: dict, params: type[BaseModel]) -> None:
        from dltutor.tui.widgets.params_form import ParamsForm

        if self.gone:
            return
        self.exercise, self.Params = exercise, params
        top = self.query_one("#lab-target", Static)  # two lines, each ending with … when cut
        top.update(_("[b]{title}[/b]\ntarget: {target}").format(title=escape(exercise["title"]),
                                                                  target=escape(exercise["target"])))
        top.tooltip = _("{title}\ntarget: {target}").format(title=exercise["title"], target=exercise["target"])
        self.query_one("#result", Static).update(_("No run yet.\nTarget: {target}").format(
            target=escape(exercise["target"])))
        self.query_one("#device-badge", Static).update(escape(exercise["badge"]))
        await self.query_one("#lab-loading").remove()
        form = ParamsForm(run_settings_model(exercise["devices"]), params, start=self._last_values(), id="params")
        await self.query_one("#left").mount(form)
        self.query_one("#lab-main").display = True
        self.query_one("#start").focus()
        self._show_best()
        self.refresh_bindings()

    def _last_values(self) -> dict:
        """The form as the learner left it in this session, else the hyperparameters of the last saved run."""
        remembered = self.app.lab_values.get(self.lesson.id)
        if remembered:
            return remembered
        runs = self.app.store.runs(self.lesson.id, curves=False)
        mine = [r for r in runs if r["exercise"] == self.exercise["id"]]
        return dict(mine[-1]["hyperparameters"]) if mine else {}

    def _show_best(self) -> None:
        best = self.app.store.best_run(self.lesson.id, curves=False)
        if not best or best["exercise"] != self.exercise["id"]:
            return
        met = best["target_met"]
        summary = (_("Your best run so far ({when} UTC) [b green]✔ met the target[/].\nTarget: {target}") if met
                   else _("Your best run so far ({when} UTC) [b yellow]did not meet the target yet[/].\n"
                          "Target: {target}"))
        table = _metrics_table({_("best run"): best["metrics"]})
        when = str(best["at"])[:16].replace("T", " ")
        self.query_one("#result", Static).update(_group(summary.format(when=when,
                                                                       target=escape(self.exercise["target"])), table))
        self.query_one("#result").set_classes("-met" if met else "-missed")
        self.query_one("#run-status", Static).update(
            _("Ready · F6 starts · best run: target met") if met
            else _("Ready · F6 starts · best run: target missed"))

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
        form = self.query_one(ParamsForm)
        values = form.validate()
        if values is None:
            self.notify(_("Fix the values marked in red first."), severity="error")
            return
        settings, params = values
        self.app.lab_values[self.lesson.id] = form.raw()
        self.run_id += 1
        self.feed.clear()
        self.started, self.last_step, self.first_step_at, self.last_metrics, self.curves = None, None, None, {}, {}
        self.recorded = False
        for chart in ("#loss-chart", "#metric-chart", "#sample-view"):
            self.query_one(chart).clear()
        self.query_one("#result", Static).update(_("Training…"))
        self.query_one("#result").set_classes("")
        self.query_one("#run-status", Static).update(_("Starting the run…"))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._set_running(True)
        in_background(self._train, self.app.trainer, self.run_id, params.model_dump(),
                      None if settings.device == "auto" else settings.device, settings.seed)

    @on(Button.Pressed, "#stop")
    def action_stop(self) -> None:
        if self.running:
            self.app.trainer.stop()
            self.query_one("#run-status", Static).update(_("Stopping…"))
            self.set_timer(STOP_GRACE_S, lambda run_id=self.run_id: self._stop_hard(run_id))

    def _stop_hard(self, run_id: int) -> None:
        if self.running and self.run_id == run_id:
            self.app.trainer.end(_("The run did not stop within {seconds:g} s of Stop (it was in one long "
                                   "step), so its training process was ended; your next run starts a new one.")
                                 .format(seconds=STOP_GRACE_S))

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.query_one("#start", Button).disabled = running
        self.query_one("#stop", Button).disabled = not running
        self.query_one("#params").disabled = running
        self.refresh_bindings()

    def _train(self, trainer, run_id: int, params: dict, device: str | None, seed: int) -> None:
        """Reading thread: the run's events into the feed, tagged with the run they belong to."""
        for event in trainer.run(self.exercise["id"], params, device=device, seed=seed):
            self.feed.append((run_id, event))
        try:
            self.post_message(self.RunEnded())  # thread-safe
        except RuntimeError:  # the app has closed
            pass

    def on_lab_screen_run_ended(self) -> None:
        self._drain()

    def on_unmount(self) -> None:
        """Leaving the screen or quitting: stop the run and save it now, as stopped, with what it reached."""
        if self.running:
            self.app.trainer.stop()
            self._record(self.last_metrics, target_met=False, outcome="stopped")
            self.running = False

    def _record(self, metrics: dict, target_met: bool, outcome: str) -> None:
        """Save the run once, with how it ended (finished, stopped or failed)."""
        if self.recorded or self.started is None:
            return
        self.recorded = True
        duration = time.monotonic() - self.run_clock
        self.app.store.record_run(self.lesson.id, self.started.exercise, self.started.hyperparameters,
                                  self.started.device["device"], metrics, target_met, duration, self.curves,
                                  outcome=outcome)

    # -- drawing (runs on the UI thread, REDRAW_S apart) ---------------------------------

    def _drain(self) -> None:
        if not self.feed or not self.is_mounted:
            return
        handlers = {"started": self._on_started, "step": self._on_step, "epoch": self._on_epoch,
                    "sample": self._on_sample, "finished": self._on_finished, "failed": self._on_failed}
        touched = set()
        while self.feed:
            run_id, event = self.feed.popleft()
            if run_id != self.run_id:
                continue
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
            self.query_one("#sample-view").redraw()
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
        if self.first_step_at is None:
            self.first_step_at = time.monotonic()
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
        if step is None:  # loading data, building the model: nothing measured yet
            return
        parts = [_("step {step}").format(step=step.step)]
        if time.monotonic() - self.first_step_at >= RATE_AFTER_S:
            parts.append(_("{rate:.0f} steps/s").format(rate=step.steps_per_s))
        parts.append(_("{seconds:.1f} s").format(seconds=elapsed))
        if self.last_metrics:
            parts += [f"{k} {v:.3g}" for k, v in list(self.last_metrics.items())[:3]]
        self.query_one("#run-status", Static).update(escape(" · ".join(parts)))
        self.query_one(ProgressBar).update(progress=step.step)

    def _on_finished(self, event) -> None:
        self._set_running(False)
        bar = self.query_one(ProgressBar)
        if event.stopped:
            bar.update(progress=event.steps)
        else:  # full, also when early stopping ended the run before its most steps
            bar.update(total=max(event.steps, 1), progress=max(event.steps, 1))
        store = self.app.store
        previous = store.best_run(self.lesson.id, curves=False)
        if previous and previous["exercise"] != event.exercise:
            previous = None
        self._record(event.metrics, event.target_met, outcome="stopped" if event.stopped else "finished")
        if event.stopped:
            verdict, status = (_("[b yellow]Stopped by you[/]: not judged against the target"),
                               _("[b yellow]Stopped by you[/] · F5: details"))
        elif event.target_met:
            verdict, status = _("[b green]✔ Target met[/]"), _("[b green]✔ Target met[/] · F5: details")
        else:
            verdict, status = (_("[b yellow]✘ Target not met yet[/]"),
                               _("[b yellow]✘ Target not met yet[/] · F5: details"))
        result = self.query_one("#result", Static)
        result.set_classes("-met" if event.target_met else "-missed")
        columns = {_("this run"): event.metrics}
        if previous:
            columns[_("previous best")] = previous.get("metrics", {})
        summary = verdict + "\n" + _("Target: {target}\n{steps} steps in {seconds:.1f} s ({rate:.0f} steps/s)").format(
            target=escape(event.target), steps=event.steps, seconds=event.duration_s, rate=event.steps_per_s)
        if previous:
            summary += (_(" · previous best run met the target") if previous["target_met"]
                        else _(" · previous best run missed the target"))
        if not event.stopped and not event.target_met:  # teach why, as a failed run does
            summary += "".join(f"\n✘ {escape(missed)}" for missed in event.missed)
            if event.changed:
                summary += "\n" + _("You changed: {changes}. The defaults reach the target: "
                                    "change one field at a time.").format(changes=escape("; ".join(event.changed)))
        result.update(_group(summary, _metrics_table(columns)))
        self.query_one("#run-status", Static).update(status)

    def _on_failed(self, event) -> None:
        from dltutor.lab.events import failure_text

        self._set_running(False)
        self._record(self.last_metrics, target_met=False, outcome="failed")
        result = self.query_one("#result", Static)
        headline = (_("[b red]✘ The run failed[/] at step {step}").format(step=event.step) if event.step
                    else _("[b red]✘ The run failed[/]"))
        result.update(headline + f"\n\n{escape(failure_text(event, remedy_phrase))}")
        result.set_classes("-failed")
        self.query_one("#run-status", Static).update(_("[b red]✘ The run failed[/] · F5: why"))
        self.notify(escape(event.reason), title=_("The run failed"), severity="error", timeout=10)


def _metrics_table(columns: dict[str, dict]) -> Table:
    """One row per metric (in the first column's order), one column per run."""
    table = Table(box=None, header_style="bold", padding=(0, 2, 0, 0))
    table.add_column(_("metric"))
    for title in columns:
        table.add_column(title, justify="right")
    first = next(iter(columns.values()))
    for name in first:
        table.add_row(Text(name), *(_fmt(metrics.get(name)) for metrics in columns.values()))
    return table


def remedy_phrase(remedy) -> str:
    """A remedy in the app's words: the form field, never a command-line flag."""
    from dltutor.lab.events import value_text

    if remedy.action == "lower":
        if remedy.value is None:
            return _("lower the {field} field").format(field=remedy.knob)
        return _("lower the {field} field (try {value})").format(field=remedy.knob, value=value_text(remedy.value))
    return _("set the {field} field to {value}").format(field=remedy.knob, value=value_text(remedy.value))


def _fmt(value) -> str:
    return f"{value:.4g}" if isinstance(value, (int, float)) else "—"


def _group(text: str, table: Table):
    from rich.console import Group

    return Group(Text.from_markup(text), Text(""), table)
