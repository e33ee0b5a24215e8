"""`dltutor train LESSON`: run a lesson's PyTorch exercise in the shell, watching it live.

Default: a Rich progress bar with the live loss and speed, then a terminal chart
of the curves and a summary table with the target verdict. `--json`: one JSON
object per event per line. Ctrl-C stops the run cleanly (a second Ctrl-C aborts).
Exit 0 target met, 1 not met / failed / stopped, 2 bad arguments.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import List, Optional

import typer

from dltutor.cli.app import app, console, err_console, fail, lesson_or_exit, load_course_or_exit
from dltutor.cli.console import warn
from dltutor.i18n import _


def parse_sets(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(_("--set expects KEY=VALUE, got '{pair}'").format(pair=pair))
        out[key.strip()] = value.strip()
    return out


class Curves:
    """Every series the run reported, as (x, value) points: Step losses by step, Epoch metrics by epoch;
    and the latest table sample under each title (the exercise's result tables)."""

    def __init__(self) -> None:
        self.steps: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.epochs: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.pictures: dict[str, dict] = {}  # the latest Sample data per kind
        self.tables: dict[str, dict] = {}  # the latest table sample per title (results to print at the end)

    def add(self, event) -> None:
        if event.event == "sample":
            self.pictures[event.kind] = event.data
            if event.kind == "table":
                self.tables[event.data.get("title", "")] = event.data
        elif event.event == "step":
            for name, value in event.values.items():
                self.steps[name].append((event.step, value))
        elif event.event == "epoch":
            for name, value in event.metrics.items():
                self.epochs[name].append((event.epoch, value))

    def as_record(self) -> dict[str, list[float]]:
        return {name: [v for _, v in points] for name, points in {**self.steps, **self.epochs}.items()}


class StopOnCtrlC:
    """First Ctrl-C sets the run's stop flag (it ends cleanly within a step); a second one aborts."""

    def __init__(self, stop: threading.Event, on_first) -> None:
        self.stop, self.on_first, self.previous = stop, on_first, None

    def _handle(self, signum, frame) -> None:
        if self.stop.is_set():
            raise KeyboardInterrupt
        self.stop.set()
        self.on_first()

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def watch(events, json_lines: bool, stop: threading.Event, curves: Curves) -> list:
    """Consume the run's events, showing them and keeping the curves. Returns [Started, Finished or Failed]
    (just [Failed] when the run could not start)."""
    ends = []
    if json_lines:
        from dltutor.lab.events import Failed, to_dict
        from dltutor.cli.console import json_text

        try:
            with StopOnCtrlC(stop, lambda: err_console.print(_("stopping… (Ctrl-C again to abort)"))):
                for event in events:
                    curves.add(event)
                    print(json_text(to_dict(event), indent=None), flush=True)
                    if event.event in ("started", "finished", "failed"):
                        ends.append(event)
        except KeyboardInterrupt:  # the second Ctrl-C: a script still gets its last line
            aborted = Failed(ends[0].exercise if ends else "", _("aborted with a second Ctrl-C"))
            print(json_text(to_dict(aborted), indent=None), flush=True)
            ends.append(aborted)
        return ends

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[loss]}"), TextColumn("[cyan]{task.fields[speed]}"),
                        TimeElapsedColumn(), console=console)
    task = None
    with progress, StopOnCtrlC(stop, lambda: progress.console.print(
            "[yellow]" + _("stopping… (Ctrl-C again to abort)"))):
        for event in events:
            curves.add(event)
            if event.event in ("started", "finished", "failed"):
                ends.append(event)
            if event.event == "started":
                progress.console.print(f"[bold]{event.exercise}[/]: {event.model}", highlight=False)
                progress.console.print(_("device {device} · {name} ({reason}) · parameters {parameters}").format(
                    device=event.device["device"], name=event.device["name"], reason=event.device["reason"],
                    parameters=", ".join(f"{k} {v:,}" for k, v in event.parameters.items())), highlight=False)
                progress.console.print(_("target: {target}").format(target=event.target), highlight=False)
                task = progress.add_task(event.exercise, total=event.total_steps or None, loss="", speed="")
            elif event.event == "step" and task is not None:
                loss = " ".join(f"{k.removeprefix('loss/')} {v:.3g}" for k, v in list(event.values.items())[:3])
                progress.update(task, completed=event.step, loss=loss,
                                speed=_("{n} steps/s").format(n=f"{event.steps_per_s:.0f}"))
            elif event.event == "epoch":
                progress.console.print("[dim]" + _("epoch {n}").format(n=event.epoch) + "[/]  " + "  ".join(
                    f"{k} {fmt(v)}" for k, v in event.metrics.items()), highlight=False)
            elif event.event == "finished" and task is not None:
                progress.update(task, completed=event.steps, total=event.steps)  # full, even after early stopping
    return ends


def chart(series: dict[str, list[tuple[int, float]]], title: str, xlabel: str) -> str:
    import plotext as plt

    plt.clf()
    plt.plotsize(min(console.width, 100), 15)
    plt.title(title)
    plt.xlabel(xlabel)
    for name, points in series.items():
        if points:
            plt.plot([x for x, _ in points], [v for _, v in points], label=name)
    return plt.build()


FLAGS = {"lr": "--lr", "device": "--device", "seed": "--seed", "epochs": "--epochs"}  # knobs with their own flag


def flag(remedy, value) -> str:
    """The command-line spelling of setting a knob: `--lr 0.03`, `--set clip=1`."""
    from dltutor.lab.events import value_text

    if remedy.knob in FLAGS:
        return FLAGS[remedy.knob] + (f" {value_text(value)}" if value is not None else "")
    return f"--set {remedy.knob}=" + (value_text(value) if value is not None else "…")


def remedy_phrase(remedy) -> str:
    """A remedy in command-line words: the flag, never the app's form field."""
    if remedy.action == "lower":
        name = FLAGS.get(remedy.knob, f"{remedy.knob} (--set {remedy.knob}=…)")
        if remedy.value is None:
            return _("lower {knob}").format(knob=name)
        return _("lower {knob} (try {setting})").format(knob=name, setting=flag(remedy, remedy.value))
    return _("use {setting}").format(setting=flag(remedy, remedy.value))


def show_summary(last, curves: Curves) -> None:
    from rich.table import Table
    from rich.text import Text

    if last.event == "failed":
        from dltutor.lab.events import failure_text

        console.print(Text.assemble((_("failed") + " ", "bold red"), failure_text(last, remedy_phrase)),
                      highlight=False)
        return
    losses = {k: v for k, v in curves.steps.items() if len(v) > 1}
    if losses:
        console.print(Text.from_ansi(chart(losses, _("training loss"), _("step"))))
    accs = {k: v for k, v in curves.epochs.items() if "acc" in k and len(v) > 1}
    if accs:
        console.print(Text.from_ansi(chart(accs, _("accuracy"), _("epoch"))))
    show_pictures(curves.pictures, curves.tables)
    table = Table(title=_("{exercise}: summary").format(exercise=last.exercise), title_justify="left",
                  show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")  # a Chinese verdict has no spaces to wrap at: fold, never cut with …
    for name, value in last.metrics.items():
        table.add_row(name, fmt(value))
    table.add_row(_("target"), last.target)
    verdict = (_("[yellow]stopped by you: not judged[/]") if last.stopped
               else _("[green]met ✓[/]") if last.target_met else _("[red]not met ✗[/]"))
    table.add_row(_("verdict"), verdict)
    if not last.stopped and not last.target_met:
        for missed in last.missed:
            table.add_row("", Text(f"✗ {missed}", style="red"))
    if last.changed and not last.target_met:
        table.add_row(_("you changed"), Text("\n".join(last.changed) + "\n" + _(
            "the defaults reach the target: compare with a run that changes one thing at a time")))
    table.add_row(_("time"), _("{seconds} s, {steps} steps, {speed} steps/s").format(
        seconds=f"{last.duration_s:.1f}", steps=f"{last.steps:,}", speed=f"{last.steps_per_s:,.0f}"))
    console.print(table)


def show_pictures(pictures: dict[str, dict], tables: dict[str, dict]) -> None:
    """The final pictures that read well as text in a shell: the attention heatmap, then the result tables, drawn
    by the app's own renderers (plain Rich, cells as text), so the shell and the app show the same numbers."""
    from rich.text import Text

    from dltutor.tui.widgets.attention_map import attention_heatmap
    from dltutor.tui.widgets.sample_view import table

    drawn = [(attention_heatmap, pictures["attention"])] if "attention" in pictures else []
    drawn += [(table, data) for data in tables.values()]
    for renderer, data in drawn:
        try:
            panels = renderer(data, console.width, 40)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            panels = [(_("picture"), Text(_("cannot draw this sample: {error}").format(error=exc), style="red"))]
        for title, body in panels:
            console.print(Text(title, style="bold"))
            console.print(body)


def show_params(exercise, as_json: bool) -> None:
    rows = [{"name": name, "default": field.default, "description": field.description or ""}
            for name, field in exercise.Params.model_fields.items()]
    if as_json:
        from dltutor.cli.console import json_text

        print(json_text(rows))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("{exercise}: hyperparameters (set with --set NAME=VALUE)").format(exercise=exercise.id),
                  title_justify="left")
    for column in (_("name"), _("default"), _("meaning")):
        table.add_column(column, overflow="fold")
    for row in rows:
        # The exercise marks its descriptions with N_(): shown here in the learner's language.
        table.add_row(row["name"], repr(row["default"]), Text(_(row["description"]) if row["description"] else ""))
    console.print(table)


def record(lesson_id: str, started, last, curves: Curves, seconds: float) -> None:
    """Save the run once, with how it ended: finished, stopped (Ctrl-C) or failed (with the metrics it reached)."""
    from dltutor.progress import open_store

    store = open_store()
    if last.event == "failed":
        reached = {name: points[-1][1] for name, points in curves.epochs.items() if points}
        store.record_run(lesson_id, started.exercise, started.hyperparameters, started.device["device"], reached,
                         False, seconds, curves.as_record(), outcome="failed")
    else:
        store.record_run(lesson_id, last.exercise, started.hyperparameters, started.device["device"], last.metrics,
                         last.target_met, last.duration_s, curves.as_record(),
                         outcome="stopped" if last.stopped else "finished")
    if store.warning:
        warn(store.warning)


@app.command("train", help=_("Train a lesson's exercise live: progress, then a chart and the target verdict.\n\n"
                              "Exit 0 when the target is met, 1 when not (or failed, or stopped), 2 on bad arguments.\n"
                              "Ctrl-C stops the run cleanly and shows what it reached."))
def train(
    lesson: str = typer.Argument(..., help=_("Lesson id, e.g. cnn (see `dltutor list`).")),
    device: Optional[str] = typer.Option(None, "--device", "-d", help=_("auto (default: CUDA, then MPS, then CPU), "
                                                                        "cpu, cuda, cuda:N or mps.")),
    epochs: Optional[int] = typer.Option(None, "--epochs", "-e", min=1, help=_("Training length (the exercise's "
                                                                               "`epochs` hyperparameter).")),
    lr: Optional[float] = typer.Option(None, "--lr", help=_("Learning rate (the exercise's `lr`).")),
    seed: int = typer.Option(0, "--seed", min=0, max=2**32 - 1,  # torch's seeds overflow past 64 bits
                             help=_("Random seed (0 to 4294967295): the same seed gives the same run on CPU.")),
    sets: List[str] = typer.Option([], "--set", "-s", metavar="KEY=VALUE", help=_(
        "Any other hyperparameter; repeatable. An unknown key lists the valid ones.")),
    dataset: Optional[str] = typer.Option(None, "--dataset", help=_(
        "Image lessons (cnn, workflow): digits (bundled, default), mnist or fashion-mnist (local IDX files, see "
        "--data-dir).")),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", metavar="DIR", help=_(
        "Folder with the MNIST / Fashion-MNIST IDX files (or torchvision's DIR/MNIST/raw).")),
    download: bool = typer.Option(False, "--download", help=_(
        "Download MNIST/Fashion-MNIST into --data-dir if missing (needs internet).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print one JSON object per event per line (for scripts).")),
    list_params: bool = typer.Option(False, "--params", help=_(
        "List this lesson's hyperparameters (name, default, meaning) and exit.")),
    save: bool = typer.Option(True, "--save/--no-save", help=_("Record the run in your progress.")),
) -> None:
    course = load_course_or_exit()
    found = lesson_or_exit(course, lesson)
    if not found.meta.exercise:
        fail(_("lesson '{id}' has no training exercise").format(id=found.id))
    overrides: dict = parse_sets(sets)
    given = {"epochs": epochs, "lr": lr, "dataset": dataset,
             "data_dir": str(data_dir) if data_dir else None, "download": download or None}
    overrides.update({k: v for k, v in given.items() if v is not None})

    from dltutor.lab.device import DeviceError, pick_device
    from dltutor.lab.exercise import BadParams, parse_params, run
    from dltutor.lab.registry import get_exercise

    try:
        exercise = get_exercise(found.meta.exercise)
    except (KeyError, ModuleNotFoundError):
        fail(_("lesson '{id}' names exercise '{exercise}', which this dltutor does not have").format(
            id=found.id, exercise=found.meta.exercise), 1)
    if list_params:
        show_params(exercise, as_json)
        return
    try:
        params = parse_params(exercise, overrides)
        choice = pick_device(device)
    except (BadParams, DeviceError) as exc:
        fail(str(exc))

    stop, curves = threading.Event(), Curves()
    began = time.monotonic()
    ends = watch(run(exercise, params, choice, stop=stop, seed=seed), as_json, stop, curves)
    last = ends[-1]
    if save and ends[0].event == "started":  # every run that started is saved, before anything is printed
        record(found.id, ends[0], last, curves, time.monotonic() - began)
    if not as_json:
        show_summary(last, curves)
    if last.event == "failed" or not last.target_met:
        raise typer.Exit(1)
