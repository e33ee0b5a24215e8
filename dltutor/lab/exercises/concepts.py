"""Lesson 1: a single perceptron vs a one-hidden-layer MLP on XOR and two moons.

A perceptron draws one straight line, so on XOR it can do no better than chance
(at most 3 of the 4 blobs, and training settles near 50 %); one hidden layer bends
the boundary and solves both sets. The decision boundaries are emitted as grids.
"""

from __future__ import annotations

from typing import Literal

import torch
from pydantic import BaseModel, ConfigDict, Field
from torch import nn

from dltutor.i18n import N_, _
from dltutor.lab import data
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import ACTIVATIONS, accuracy, count_params, make_optimizer, mlp
from dltutor.lab.threads import on_cpu_threads, threads_field

DATASETS = ("xor", "moons")
TARGET = N_("MLP ≥ 97 % test accuracy on XOR and on two moons; the perceptron stays near chance (≤ 70 %) on XOR")
GOALS = (*(Goal(f"acc/{name}/mlp", ">=", 0.97) for name in DATASETS), Goal("acc/xor/perceptron", "<=", 0.70))


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lr: float = Field(0.03, gt=0, description=N_("learning rate"))
    epochs: int = Field(400, ge=1, description=N_("full-batch training steps"))
    hidden: int = Field(16, ge=1, le=4096, description=N_("neurons in the MLP's hidden layer"))
    activation: Literal[tuple(ACTIVATIONS)] = Field("tanh", description=N_("the MLP's hidden activation"))
    optimizer: Literal["adam", "sgd"] = Field("adam", description=N_("update rule"))
    points: int = Field(400, ge=20, le=100_000, description=N_("training points per data set (the test set is as large)"))
    grid: int = Field(40, ge=5, le=200, description=N_("decision-boundary grid resolution per axis"))
    eval_every: int = Field(100, ge=1, description=N_("steps between evaluations and boundary pictures"))
    threads: int = threads_field()


def build(params: Params) -> dict[str, nn.Module]:
    """Per data set: a perceptron (one linear layer) and a one-hidden-layer MLP, two logits each."""
    models = {}
    for name in DATASETS:
        models[f"{name}/perceptron"] = nn.Linear(2, 2)
        models[f"{name}/mlp"] = mlp([2, params.hidden, 2], params.activation)
    return models


def describe(params: Params, device) -> tuple[str, dict[str, int]]:
    models = build(params)
    summary = _("perceptron Linear(2→2) vs MLP 2→{hidden}→2 ({activation}), on {first} and {second}").format(
        hidden=params.hidden, activation=params.activation, first=DATASETS[0], second=DATASETS[1])
    return summary, {name: count_params(m) for name, m in models.items() if name.startswith(DATASETS[0])}


def load(params: Params, seed: int, device) -> dict[str, tuple[data.Tensors, data.Tensors]]:
    return {name: (data.points(name, params.points, seed, device), data.points(name, params.points, seed + 1000, device))
            for name in DATASETS}


def boundary(models: dict[str, nn.Module], name: str, train: data.Tensors, size: int, step: int) -> Sample:
    """P(class 1) on a size×size grid covering the data, for both models of one data set."""
    lo, hi = train.x.min(0).values - 0.5, train.x.max(0).values + 0.5
    xs, ys = (torch.linspace(lo[i].item(), hi[i].item(), size, device=train.x.device) for i in range(2))
    grid = torch.stack(torch.meshgrid(xs, ys, indexing="xy"), -1).reshape(-1, 2)
    with torch.no_grad():
        z = {kind: models[f"{name}/{kind}"](grid).softmax(1)[:, 1].reshape(size, size).round(decimals=3).tolist()
             for kind in ("perceptron", "mlp")}
    pts = torch.cat([train.x, train.y[:, None].to(train.x.dtype)], 1)[:200].round(decimals=3).tolist()
    return Sample("decision_boundary", {"dataset": name, "x": xs.round(decimals=3).tolist(),
                                         "y": ys.round(decimals=3).tolist(), "z": z, "points": pts}, step)


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    sets = load(p, ctx.seed, ctx.device)
    models = build(p)
    for m in models.values():
        m.to(ctx.device)
    opt = make_optimizer(p.optimizer, [w for m in models.values() for w in m.parameters()], p.lr)
    loss_fn = nn.CrossEntropyLoss()
    runs = [(name, m, *sets[name.split("/")[0]]) for name, m in models.items()]  # (name, model, train, test)
    metrics: dict[str, float] = {}
    for step in range(1, p.epochs + 1):
        if ctx.stopped:
            break
        # The models share nothing, so one backward through the summed losses trains each on its own loss.
        losses = {f"loss/{name}": loss_fn(m(tr.x), tr.y) for name, m, tr, _ in runs}
        opt.zero_grad(set_to_none=True)
        sum(losses.values()).backward()
        opt.step()
        ctx.step()
        if step % p.eval_every == 0 or step == p.epochs:
            yield ctx.report(losses)
            accs = {f"acc/{name}": accuracy(m, *te) for name, m, _, te in runs}
            metrics = {k: round(v, 4) for k, v in zip(accs, torch.stack(list(accs.values())).tolist())}
            yield Epoch(step, metrics)
            for name in DATASETS:
                yield boundary(models, name, sets[name][0], p.grid, step)
    return Result(metrics)


EXERCISE = Exercise(
    id="concepts",
    title=N_("Perceptron vs MLP on XOR and two moons"),
    target=TARGET,
    Params=Params,
    train=train,
    describe=describe,
    total_steps=lambda p: p.epochs,
    goals=GOALS,
)
