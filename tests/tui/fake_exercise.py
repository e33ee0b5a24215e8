"""A tiny, deterministic exercise for the app's tests: no data, no model, every Sample kind the app draws.

`mode` picks the behaviour to test: learn (reaches the target), diverge (NaN loss at step 6,
which the runner turns into its teaching message), crash (a bug inside the exercise), early
(early stopping ends the run at half its most steps).
`delay` slows each step so a test can stop a run in the middle.
"""

from __future__ import annotations

import math
import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lr: float = Field(0.1, gt=0, description="learning rate")
    steps: int = Field(40, ge=1, le=1_000_000, description="training steps")
    mode: Literal["learn", "diverge", "crash", "early"] = Field("learn", description="what the run does")
    delay: float = Field(0.0, ge=0, description="seconds per step")


def pictures(step: int) -> list[Sample]:
    grid = [[round(1 / (1 + math.exp(-(x - y) / 2)), 3) for x in range(-6, 7)] for y in range(-6, 7)]
    points = [[-4.0, -4.0, 0], [4.0, 4.0, 1], [-4.0, 4.0, 1], [4.0, -4.0, 0]]
    ring = [[round(4 * math.cos(k * math.pi / 4), 3), round(4 * math.sin(k * math.pi / 4), 3)] for k in range(8)]
    return [
        Sample("decision_boundary", {"dataset": "xor", "x": list(range(-6, 7)), "y": list(range(-6, 7)),
                                     "z": {"mlp": grid}, "points": points}, step),
        Sample("grad_norms", {"sigmoid": [1e-6, 1e-4, 1e-2], "relu": [0.1, 0.2, 0.3]}, step),
        Sample("confusion", {"matrix": [[5, 1], [0, 6]], "labels": ["0", "1"], "recall": [0.833, 1.0]}, step),
        Sample("points", {"real": ring, "generated": ring[:3]}, step),
    ]


def train(ctx: Context):
    p: Params = ctx.params
    metrics: dict[str, float] = {}
    for step in range(1, p.steps + 1):
        if ctx.stopped or (p.mode == "early" and step > p.steps // 2):
            break
        if p.delay:
            time.sleep(p.delay)
        if p.mode == "crash" and step == 3:
            raise RuntimeError("deliberate bug in the fake exercise")
        ctx.step()
        loss = float("nan") if p.mode == "diverge" and step > 5 else 1.0 / step
        if step % 5 == 0 or step == p.steps:
            yield ctx.report({"loss/train": loss, "loss/val": loss * 1.1})
            metrics = {"acc": round(1 - 1 / (step + 1), 4)}
            yield Epoch(math.ceil(step / 5), metrics)
    yield from pictures(ctx.steps)
    return Result(metrics, metrics.get("acc", 0) >= 0.9)


def install() -> None:
    """In the training process (`Trainer(setup="tests.tui.fake_exercise:install")`): every lesson's
    exercise is this one, and the device badge is the same on every machine."""
    import torch

    from dltutor.lab import device, exercise, registry

    def get_exercise(exercise_id: str) -> Exercise:
        if exercise_id == "missing":
            raise KeyError(exercise_id)
        return EXERCISE

    registry.get_exercise = get_exercise
    fixed = device.DeviceChoice(torch.device("cpu"), "CPU", "test", "fixed for tests")
    for module in (device, exercise):  # the lab's badge and the runner's Started event
        module.pick_device = lambda requested=None: fixed


EXERCISE = Exercise(
    id="concepts", title="Fake exercise for tests", target="acc ≥ 0.9", Params=Params, train=train,
    describe=lambda params, device: ("a fake model", {"fake": 10}), total_steps=lambda params: params.steps,
)
