"""Lesson 4: a small CNN vs an MLP on handwritten digits, then both on shifted digits.

Each digit sits on a slightly larger canvas (a margin of `pad` pixels), so it can
be moved without cutting it. Both models see only centred digits in training.
On centred test digits both do well; moved by a few pixels, the MLP, whose every
weight is tied to one pixel position, collapses, while the CNN (the same small
filters slid over every position, then a global max over positions) barely
notices. The learned first-layer filters and one digit's feature maps are emitted.
"""

from __future__ import annotations

from typing import Literal, Optional

import torch
import torch.nn.functional as F
from pydantic import BaseModel, ConfigDict, Field
from torch import nn

from dltutor.i18n import N_, _
from dltutor.lab import data
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import accuracy, count_params, make_optimizer, mlp, small_cnn
from dltutor.lab.threads import on_cpu_threads, threads_field

TARGET = N_("CNN ≥ 98 % test accuracy; on digits shifted by a few pixels the CNN keeps ≥ 90 % "
          "while the MLP drops by ≥ 15 points")
GOALS = (Goal("test_acc/cnn", ">=", 0.98), Goal("shifted_acc/cnn", ">=", 0.90), Goal("shift_drop/mlp", ">=", 0.15))


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lr: float = Field(0.01, gt=0, description=N_("peak learning rate (Adam, one-cycle schedule)"))
    epochs: int = Field(12, ge=1, description=N_("passes over the training images"))
    batch_size: int = Field(64, ge=1, le=60_000, description=N_("images per step"))
    channels: int = Field(16, ge=1, le=256, description=N_("filters in the first conv layer (the second has twice as many)"))
    mlp_hidden: int = Field(128, ge=1, le=4096, description=N_("hidden neurons of the MLP it is compared with"))
    pad: int = Field(2, ge=0, le=8, description=N_("blank margin added around each digit, in pixels"))
    shift: int = Field(2, ge=1, le=8, description=N_("largest shift, in pixels, of the shifted test digits"))
    dataset: Literal[data.IMAGE_SETS] = Field("digits", description=N_("digits (bundled) or mnist/fashion-mnist files"))
    data_dir: Optional[str] = Field(None, description=N_("folder with the MNIST/Fashion-MNIST IDX files"))
    download: bool = Field(False, description=N_("download MNIST/Fashion-MNIST into data_dir if missing (needs internet)"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports"))
    threads: int = threads_field()


def build(params: Params, side: int) -> dict[str, nn.Module]:
    return {"cnn": small_cnn(params.channels), "mlp": nn.Sequential(nn.Flatten(), mlp([side * side, params.mlp_hidden, 10]))}


def describe(params: Params, device) -> tuple[str, dict[str, int]]:
    side = (8 if params.dataset == "digits" else 28) + 2 * params.pad
    models = build(params, side)
    c = params.channels
    return (_("CNN conv3×3({c})→conv3×3({c2})→global max→linear vs MLP {inputs}→{hidden}→10, {side}×{side} "
              "{dataset}").format(c=c, c2=2 * c, inputs=side * side, hidden=params.mlp_hidden, side=side,
                                  dataset=params.dataset)), {name: count_params(m) for name, m in models.items()}


def shifted(x: torch.Tensor, most: int, seed: int) -> torch.Tensor:
    """Each image moved by its own random (dy, dx) ≠ (0, 0), |dy|, |dx| ≤ most (the margin keeps it whole)."""
    gen = torch.Generator().manual_seed(seed)
    offsets = [(dy, dx) for dy in range(-most, most + 1) for dx in range(-most, most + 1) if (dy, dx) != (0, 0)]
    pick = torch.randint(len(offsets), (len(x),), generator=gen).to(x.device)
    out = torch.empty_like(x)
    for k, (dy, dx) in enumerate(offsets):
        mask = pick == k
        out[mask] = torch.roll(x[mask], (dy, dx), (2, 3))
    return out


def filters_sample(cnn: nn.Sequential, image: torch.Tensor, step: int) -> Sample:
    with torch.no_grad():
        conv = cnn[0]
        maps = torch.relu(conv(image[None]))[0]
        picture = torch.cat([conv.weight[:, 0].flatten(1), maps.flatten(1)], 1).round(decimals=3)
    k = conv.weight[0, 0].numel()
    return Sample("filters", {
        "filters": picture[:, :k].reshape(-1, *conv.weight.shape[2:]).tolist(),
        "input": image[0].round(decimals=3).tolist(),
        "feature_maps": picture[:, k:].reshape(-1, *maps.shape[1:]).tolist(),
    }, step)


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    images = data.image_set(p.dataset, ctx.device, data_dir=p.data_dir, download=p.download)
    x = F.pad(images.x, (p.pad,) * 4)
    train_idx, test_idx = data.stratified_split(images.y, (0.8, 0.2), seed=ctx.seed)
    (xt, yt), (xs, ys) = (x[train_idx], images.y[train_idx]), (x[test_idx], images.y[test_idx])
    models = build(p, x.shape[-1])
    for m in models.values():
        m.to(ctx.device)
    opt = make_optimizer("adam", [w for m in models.values() for w in m.parameters()], p.lr)
    steps_per_epoch = -(-len(yt) // p.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, p.lr, total_steps=p.epochs * steps_per_epoch)
    metrics: dict[str, float] = {}
    for epoch in range(1, p.epochs + 1):
        epoch_loss = torch.zeros(len(models), device=ctx.device)
        for idx in data.batches(len(yt), p.batch_size, ctx.device):
            if ctx.stopped:
                break
            losses = torch.stack([F.cross_entropy(m(xt[idx]), yt[idx]) for m in models.values()])
            opt.zero_grad(set_to_none=True)
            losses.sum().backward()
            opt.step()
            sched.step()
            epoch_loss += losses.detach()
            ctx.step()
            if ctx.steps % p.report_every == 0:
                yield ctx.report({f"loss/{name}": loss for name, loss in zip(models, losses)})
        if ctx.stopped:
            break
        values = torch.cat([torch.stack([accuracy(m, xs, ys) for m in models.values()]),
                            epoch_loss / steps_per_epoch]).tolist()
        metrics = {f"test_acc/{n}": round(v, 4) for n, v in zip(models, values)}
        yield Epoch(epoch, {**metrics, **{f"train_loss/{n}": round(v, 4) for n, v in zip(models, values[2:])}})
        yield filters_sample(models["cnn"], xs[0], ctx.steps)
    if metrics:
        moved = shifted(xs, p.shift, ctx.seed + 1)
        accs = torch.stack([accuracy(m, moved, ys) for m in models.values()]).tolist()
        metrics.update({f"shifted_acc/{n}": round(v, 4) for n, v in zip(models, accs)})
        counts = {n: count_params(m) for n, m in models.items()}
        yield Sample("table", {"columns": [_("model"), _("parameters"), _("test acc"),
                                           _("shifted ≤{shift}px acc").format(shift=p.shift)],
                               "rows": [[n, counts[n], metrics[f"test_acc/{n}"], metrics[f"shifted_acc/{n}"]]
                                        for n in models]}, ctx.steps)
        metrics["shift_drop/mlp"] = round(metrics["test_acc/mlp"] - metrics["shifted_acc/mlp"], 4)
    return Result(metrics)


EXERCISE = Exercise(
    id="cnn",
    title=N_("CNN vs MLP on digits, centred and shifted"),
    target=TARGET,
    Params=Params,
    train=train,
    describe=describe,
    total_steps=lambda p: p.epochs * -(-round(1797 * 0.8) // p.batch_size) if p.dataset == "digits" else 0,
    goals=GOALS,
)
