"""Lesson 2: the same deep MLP with four activations, trained side by side with plain SGD.

Eight hidden layers, identical initial weights, only the activation differs. The
sigmoid's derivative is at most 0.25, so the gradient shrinks layer by layer on
its way back: the first layer's gradient ends up thousands of times smaller than
the last one's and the network barely learns. tanh, ReLU and Leaky ReLU keep the
gradient alive. The per-layer gradient norms are emitted every epoch.
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

TARGET = N_("sigmoid < 20 % test accuracy with a first-layer gradient ≥ 1,000× smaller than its last layer's; "
          "ReLU and tanh ≥ 95 %")
GOALS = (Goal("test_acc/sigmoid", "<", 0.20), Goal("grad_first_over_last/sigmoid", "<=", 1e-3),
         Goal("test_acc/relu", ">=", 0.95), Goal("test_acc/tanh", ">=", 0.95))


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lr: float = Field(0.05, gt=0, description=N_("learning rate (plain SGD, no momentum)"))
    epochs: int = Field(20, ge=1, description=N_("passes over the training digits"))
    batch_size: int = Field(32, ge=1, le=60_000, description=N_("digits per SGD step"))
    hidden: int = Field(64, ge=1, le=4096, description=N_("neurons per hidden layer"))
    depth: int = Field(8, ge=1, le=50, description=N_("hidden layers"))
    init: Literal["he", "xavier", "pytorch"] = Field(
        "he", description=N_("initial weights, shared by all four nets (pytorch = nn.Linear's default)"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports"))
    threads: int = threads_field()


def build(params: Params, seed: int) -> dict[str, nn.Sequential]:
    """One MLP per activation, all starting from the same weights (re-seeded before each build)."""
    models = {}
    for name in ACTIVATIONS:
        torch.manual_seed(seed)
        model = mlp([64] + [params.hidden] * params.depth + [10], name)
        init = {"he": lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"), "xavier": nn.init.xavier_normal_}
        if params.init in init:
            for layer in linears(model):
                init[params.init](layer.weight)
                nn.init.zeros_(layer.bias)
        models[name] = model
    return models


def linears(model: nn.Sequential) -> list[nn.Linear]:
    return [layer for layer in model if isinstance(layer, nn.Linear)]


def grad_norms(models: dict[str, nn.Sequential]) -> dict[str, list[float]]:
    """Weight-gradient norm of every layer, first to last, for each model: one sync for all."""
    norms = torch.stack([torch.stack([layer.weight.grad.norm() for layer in linears(m)]) for m in models.values()])
    return dict(zip(models, norms.tolist()))


def describe(params: Params, device) -> tuple[str, dict[str, int]]:
    model = build(params, 0)["relu"]
    sizes = "→".join(map(str, [64] + [params.hidden] * params.depth + [10]))
    return _("MLP {sizes} × {activations}, {init} init, plain SGD").format(
        sizes=sizes, activations="{" + ", ".join(ACTIVATIONS) + "}", init=params.init), \
        {name: count_params(model) for name in ACTIVATIONS}


def total_steps(params: Params) -> int:
    return params.epochs * -(-round(1797 * 0.8) // params.batch_size)


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    x, y = data.digits(ctx.device)
    x = x.flatten(1)
    train_idx, test_idx = data.stratified_split(y, (0.8, 0.2), seed=ctx.seed)
    (xt, yt), (xs, ys) = (x[train_idx], y[train_idx]), (x[test_idx], y[test_idx])
    models = build(p, ctx.seed)
    for m in models.values():
        m.to(ctx.device)
    opt = make_optimizer("sgd", [w for m in models.values() for w in m.parameters()], p.lr)
    metrics: dict[str, float] = {}
    for epoch in range(1, p.epochs + 1):
        epoch_loss = torch.zeros(len(models), device=ctx.device)
        batches = data.batches(len(yt), p.batch_size, ctx.device)
        for idx in batches:
            if ctx.stopped:
                break
            losses = torch.stack([nn.functional.cross_entropy(m(xt[idx]), yt[idx]) for m in models.values()])
            opt.zero_grad(set_to_none=True)
            losses.sum().backward()  # the nets share nothing: each gets its own gradient
            opt.step()
            epoch_loss += losses.detach()
            ctx.step()
            if ctx.steps % p.report_every == 0:
                yield ctx.report({f"loss/{name}": loss for name, loss in zip(models, losses)})
        if ctx.stopped:
            break
        yield Sample("grad_norms", grad_norms(models), ctx.steps)
        accs = torch.stack([accuracy(m, xs, ys) for m in models.values()])
        values = torch.cat([accs, epoch_loss / len(batches)]).tolist()
        metrics = {f"test_acc/{n}": round(v, 4) for n, v in zip(models, values)}
        yield Epoch(epoch, {**metrics, **{f"train_loss/{n}": round(v, 4) for n, v in zip(models, values[len(models):])}})
    # The verdict's gradient ratio comes from one full-batch gradient of the trained nets: no minibatch noise.
    opt.zero_grad(set_to_none=True)
    torch.stack([nn.functional.cross_entropy(m(xt), yt) for m in models.values()]).sum().backward()
    norms = grad_norms(models)
    yield Sample("grad_norms", norms, ctx.steps)
    for name, layers in norms.items():
        metrics[f"grad_first_over_last/{name}"] = float(f"{layers[0] / layers[-1]:.3g}") if layers[-1] else 0.0
    return Result(metrics)


EXERCISE = Exercise(
    id="activations",
    title=N_("Sigmoid, tanh, ReLU and Leaky ReLU in an 8-layer MLP"),
    target=TARGET,
    Params=Params,
    train=train,
    describe=describe,
    total_steps=total_steps,
    goals=GOALS,
)
