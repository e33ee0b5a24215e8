"""What an exercise is, and the runner that turns one into a stream of events.

An exercise module defines a pydantic `Params` model (typed, documented
hyperparameters whose defaults reach the target) and a generator
`train(ctx) -> Result` that yields Step/Epoch/Sample events and returns a
Result. The runner adds what every exercise shares: device choice, seeding,
the Started/Finished/Failed framing, timing, stop handling and the NaN lesson.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from pydantic import BaseModel, ValidationError

from dltutor.lab.data import DataError
from dltutor.lab.device import DeviceChoice, DeviceError, pick_device
from dltutor.lab.events import Event, Failed, Finished, Remedy, Started, Step
from dltutor.i18n import _
from dltutor.lab.goals import Goal, changes, verdict


class Diverged(Exception):
    """The loss became NaN or infinite; carries the step and the loss value."""

    def __init__(self, step: int, loss: float, series: str = "loss"):
        super().__init__(f"{series} became {loss} at step {step}")
        self.step, self.loss, self.series = step, loss, series


class ExerciseFailed(Exception):
    """The run cannot go on for a reason the learner can act on (a worker process died, a backend is missing);
    the message is the teaching text of the Failed event."""


class BadParams(ValueError):
    """Unknown hyperparameter or bad value; the message lists the valid ones."""


@dataclass
class Result:
    """What train() returns. The target is judged against the exercise's goals; target_met, when given,
    can only veto (an exercise that knows the run is incomplete says False)."""

    metrics: dict[str, float]
    target_met: bool | None = None


@dataclass
class Context:
    """Everything an exercise's train() needs, plus the helpers that keep watching cheap."""

    exercise: str
    params: Any  # the exercise's Params instance
    device: torch.device
    choice: DeviceChoice
    stop: threading.Event
    seed: int
    steps: int = 0  # incremented by step(); used for steps/s
    started_at: float = field(default_factory=time.perf_counter)

    @property
    def stopped(self) -> bool:
        return self.stop.is_set()

    loop_started_at: float | None = None  # first step(): speed measures the loop, not data loading or imports

    def step(self, n: int = 1) -> None:
        if self.loop_started_at is None:
            self.loop_started_at = time.perf_counter()
        self.steps += n

    @property
    def steps_per_s(self) -> float:
        elapsed = time.perf_counter() - (self.loop_started_at or self.started_at)
        return self.steps / elapsed if elapsed > 0 else 0.0

    def report(self, values: dict[str, torch.Tensor | float]) -> Step:
        """Turn losses into a Step event: one device sync for all values, NaN check included.

        Call it every N steps, not every step: `.item()`-style syncs stall the GPU.
        """
        names = list(values)
        tensors = [v.detach().float().reshape(()) if torch.is_tensor(v) else torch.tensor(float(v)) for v in values.values()]
        floats = torch.stack([t.cpu() for t in tensors]).tolist() if tensors else []
        for name, value in zip(names, floats):
            if not math.isfinite(value):
                raise Diverged(self.steps, value, name)
        return Step(step=self.steps, values=dict(zip(names, floats)), steps_per_s=round(self.steps_per_s, 2))


@dataclass(frozen=True)
class Exercise:
    """One lesson's lab. `title` and `target` are English msgids (marked with N_()); `target` may hold
    `{name}` placeholders filled from `target_args`. Show them through `title_text()` / `target_text()`,
    which speak the process's language."""

    id: str
    title: str
    target: str  # the target in words, shown before and after the run
    Params: type[BaseModel]
    train: Callable[[Context], Iterator[Event]]  # generator returning Result
    describe: Callable[[Any, torch.device], tuple[str, dict[str, int]]]  # (model summary, params per model)
    total_steps: Callable[[Any], int] | None = None  # params -> most steps the run takes (progress bars)
    goals: Sequence[Goal] | Callable[[Any], Sequence[Goal]] = ()  # the target as criteria (or params -> criteria)
    target_args: dict[str, Any] = field(default_factory=dict)  # values for the placeholders in `target`

    def title_text(self) -> str:
        """The title in the current language."""
        return _(self.title)

    def target_text(self) -> str:
        """The target in words, in the current language, its placeholders filled."""
        return _(self.target).format(**self.target_args)

    def goals_for(self, params: Any) -> Sequence[Goal]:
        return self.goals(params) if callable(self.goals) else self.goals


def parse_params(exercise: Exercise, overrides: dict[str, Any] | None = None) -> BaseModel:
    """Build Params from string or typed overrides; BadParams names the valid keys and the problem."""
    overrides = dict(overrides or {})
    fields = exercise.Params.model_fields
    unknown = [k for k in overrides if k not in fields]
    if unknown:
        comma = _(", ")  # between the items of a list: "、" in Chinese
        valid = comma.join(_("{name} (default {default})").format(name=name, default=repr(f.default))
                           for name, f in fields.items())
        raise BadParams(_("unknown hyperparameter {names} for '{exercise}'; valid: {valid}").format(
            names=comma.join(map(repr, unknown)), exercise=exercise.id, valid=valid))
    try:
        params = exercise.Params.model_validate(overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_url=False):
            name = ".".join(map(str, err["loc"]))
            desc = _(fields[name].description) if name in fields and fields[name].description else ""
            lines.append(f"{name}={err.get('input')!r}: {err['msg']}" + (f" ({desc})" if desc else ""))
        raise BadParams("; ".join(lines)) from None
    # pydantic takes "inf" and 1e999 for a float, and a run with lr=inf only fails 100 steps later
    for name in overrides:
        value = getattr(params, name)
        if isinstance(value, float) and not math.isfinite(value):
            raise BadParams(_("{name}={value}: not a finite number ({meaning})").format(
                name=name, value=repr(overrides[name]), meaning=_(fields[name].description or "")))
    return params


def divergence_message(exercise: Exercise, params: BaseModel, exc: Diverged) -> str:
    """What happened and why, in words that hold in the app and the shell; `divergence_remedies` says what to change."""
    lr = getattr(params, "lr", None)
    default_lr = exercise.Params.model_fields["lr"].default if "lr" in exercise.Params.model_fields else None
    if lr is not None and default_lr is not None and lr > default_lr:
        return _("The {series} became {value} at step {step}: training diverged. Learning rate {lr:g} is too high "
                 "for this model (its default is {default:g}). Each update overshot the minimum by more than the "
                 "last, until the numbers overflowed.").format(series=exc.series, value=exc.loss, step=exc.step,
                                                                lr=lr, default=default_lr)
    return _("The {series} became {value} at step {step}: training diverged. Usual causes: a learning rate that "
             "is too high, no gradient clipping, or a log/division of zero.").format(
                 series=exc.series, value=exc.loss, step=exc.step)


def divergence_remedies(exercise: Exercise, params: BaseModel) -> tuple[Remedy, ...]:
    """Lower the learning rate (to the default when it was raised above it); clip gradients where the
    exercise has a clip knob that is off or loose. Only knobs the exercise really has."""
    fields = exercise.Params.model_fields
    remedies = []
    if "lr" in fields:
        default_lr = fields["lr"].default
        remedies.append(Remedy("lr", "lower", default_lr if params.lr > default_lr else None))
    if "clip" in fields and not 0 < params.clip <= 1:
        remedies.append(Remedy("clip", "set", 1.0))
    return tuple(remedies)


def out_of_memory_remedies(exercise: Exercise) -> tuple[Remedy, ...]:
    fields = exercise.Params.model_fields
    return tuple(Remedy(knob, "lower") for knob in ("batch_size", "hidden") if knob in fields) + (
        Remedy("device", "set", "cpu"),)


def run(exercise: Exercise, params: BaseModel | dict | None = None, device: str | DeviceChoice | None = None,
        stop: threading.Event | None = None, seed: int = 0) -> Iterator[Event]:
    """Run an exercise, yielding Started, then its events, then always Finished or Failed.

    device: a name for pick_device ("auto", "cpu", "cuda:1" …) or a choice already made (its reason is kept).
    Training problems (absent device, unreadable or unsuitable data, NaN/inf loss, out of memory) become Failed
    with a teaching message; so does any other exception (a bug), named as one. BadParams is raised before
    anything starts."""
    if not isinstance(params, BaseModel):
        params = parse_params(exercise, params)
    stop = stop or threading.Event()
    try:
        choice = device if isinstance(device, DeviceChoice) else pick_device(device)
    except DeviceError as exc:
        yield Failed(exercise.id, str(exc))
        return
    torch.manual_seed(seed)
    summary, counts = exercise.describe(params, choice.device)
    total = exercise.total_steps(params) if exercise.total_steps else 0
    yield Started(exercise.id, choice.as_dict(), summary, counts, params.model_dump(), exercise.target_text(), total)
    ctx = Context(exercise.id, params, choice.device, choice, stop, seed)
    gen = exercise.train(ctx)
    try:
        while True:
            event = next(gen)
            yield event
    except StopIteration as done:
        result: Result = done.value
        elapsed = time.perf_counter() - ctx.started_at
        met, missed = verdict(result.metrics, exercise.goals_for(params))
        met = met and result.target_met is not False and not ctx.stopped
        defaults = {name: f.default for name, f in exercise.Params.model_fields.items()}
        yield Finished(exercise.id, result.metrics, met, exercise.target_text(), round(elapsed, 3), ctx.steps,
                       round(ctx.steps_per_s, 2), stopped=ctx.stopped, missed=missed,
                       changed=changes(params, defaults))
    except Diverged as exc:
        yield Failed(exercise.id, divergence_message(exercise, params, exc), exc.step,
                     divergence_remedies(exercise, params))
    except (DataError, ExerciseFailed) as exc:
        yield Failed(exercise.id, str(exc), ctx.steps)
    except (torch.cuda.OutOfMemoryError, MemoryError):
        yield Failed(exercise.id, _("Out of memory: the model, the batch and their gradients do not fit on the "
                                    "device."),
                     ctx.steps, out_of_memory_remedies(exercise))
    except Exception as exc:  # a bug; the watcher still gets a Failed it can show, never a half-ended stream
        yield Failed(exercise.id, bug_message(exercise, exc), ctx.steps)
    finally:
        gen.close()


def bug_message(exercise: Exercise, exc: BaseException) -> str:
    """One line for an unexpected exception: what and where (the innermost dltutor frame), to report."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "dltutor" in f.filename] or \
        traceback.extract_tb(exc.__traceback__)
    error = f"{type(exc).__name__}: {exc}"
    if frames:
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
        return _("The {exercise} exercise stopped on an unexpected error: {error} at {where}. This is a bug in "
                 "dltutor, not in your settings: please report it with the command you ran.").format(
                     exercise=exercise.id, error=error, where=where)
    return _("The {exercise} exercise stopped on an unexpected error: {error}. This is a bug in dltutor, not in "
             "your settings: please report it with the command you ran.").format(exercise=exercise.id, error=error)
