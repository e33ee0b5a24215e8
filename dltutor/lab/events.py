"""The events a training run yields: the only contract between the lab and its watchers.

Plain dataclasses of Python numbers and lists (never tensors), so the TUI, the
shell, `--json` and tests can consume them without knowing torch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from collections.abc import Callable
from typing import Any, Union

from dltutor.i18n import _
from dltutor.strict_json import finite


@dataclass(frozen=True)
class Started:
    exercise: str
    device: dict[str, str]  # DeviceChoice.as_dict()
    model: str  # short summary, one line per model
    parameters: dict[str, int]  # trainable parameter count per model name
    hyperparameters: dict[str, Any]
    target: str  # what the run must reach, in words
    total_steps: int = 0  # the most steps the run will take (for progress bars); 0 = unknown
    event: str = field(default="started", init=False)


@dataclass(frozen=True)
class Step:
    step: int
    values: dict[str, float]  # series name -> value, e.g. {"loss/mlp": 0.31, "loss/perceptron": 0.69}
    steps_per_s: float = 0.0
    event: str = field(default="step", init=False)


@dataclass(frozen=True)
class Epoch:
    epoch: int
    metrics: dict[str, float]  # e.g. {"train_loss": 0.2, "val_acc": 0.97}
    event: str = field(default="epoch", init=False)


@dataclass(frozen=True)
class Sample:
    """Exercise-specific picture as data. kind tells the viewer how to draw `data`:
    decision_boundary {x, y, z(grid rows), points}, grad_norms {model: [per-layer]},
    gradients {rows: [...]}, filters {images: [[...]]}, points {generated, real},
    confusion {matrix, labels, recall}, table {columns, rows}, curves {name: [...]},
    attention {tokens, weights (rows attend to columns), match, answer, predicted}."""

    kind: str
    data: dict[str, Any]
    step: int = 0
    event: str = field(default="sample", init=False)


@dataclass(frozen=True)
class Finished:
    exercise: str
    metrics: dict[str, float]
    target_met: bool
    target: str
    duration_s: float
    steps: int
    steps_per_s: float
    stopped: bool = False  # True when the learner stopped it early
    missed: list[str] = field(default_factory=list)  # each target criterion not met, with its measured value
    changed: list[str] = field(default_factory=list)  # each hyperparameter that differs from its default
    event: str = field(default="finished", init=False)


@dataclass(frozen=True)
class Remedy:
    """One change to a hyperparameter that may fix a failed run, as data: each face words it
    (the app names the form field, `dltutor train` the flag), so the lab never speaks one UI's language.

    action "lower": make `knob` smaller (`value`, when given, is a value to try);
    action "set": set `knob` to `value`.
    """

    knob: str  # a field of the exercise's Params ("lr", "clip") or a run setting ("device")
    action: str  # "lower" | "set"
    value: float | str | None = None


@dataclass(frozen=True)
class Failed:
    exercise: str
    reason: str  # the teaching message: what happened and why, in words that hold in every UI
    step: int | None = None
    remedies: tuple[Remedy, ...] = ()  # what to change, in order of preference; worded by each face
    event: str = field(default="failed", init=False)


Event = Union[Started, Step, Epoch, Sample, Finished, Failed]  # Remedy travels inside Failed


def failure_text(event: Failed, phrase: Callable[[Remedy], str]) -> str:
    """The reason, then 'Lower X or set Y, then run again.' with each remedy worded by the face's `phrase`."""
    if not event.remedies:
        return event.reason
    phrases = [phrase(r) for r in event.remedies]
    advice = phrases[0]
    for alternative in phrases[1:]:  # "A or B or C", joined the way the language joins alternatives
        advice = _("{advice} or {alternative}").format(advice=advice, alternative=alternative)
    return _("{reason} {advice}, then run again.").format(reason=event.reason, advice=advice[0].upper() + advice[1:])


def value_text(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_dict(event: Event) -> dict[str, Any]:
    """The event as JSON-ready data: strict JSON has no NaN or Infinity, so those become None (null)."""
    data = finite(asdict(event))
    return {"event": data.pop("event"), **data}
