"""Lesson 3: backpropagation written by hand, checked against autograd.

The same 2-layer MLP starts twice from the same weights on the real 8×8 digits. One copy learns from
gradients computed by the chain rule written out with tensor ops (dltutor.lab.manual_mlp); the other
from autograd differentiating the very same forward pass. In float64 the two gradients agree to about
1e-16 at every step, so the two loss curves lie on top of each other: autograd is the chain rule, done
for you. The per-parameter gradients are emitted side by side.
"""

from __future__ import annotations

import torch
from pydantic import BaseModel, ConfigDict, Field

from dltutor.i18n import N_, _
from dltutor.lab import manual_mlp
from dltutor.lab.data import batches, digits, stratified_split
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.threads import on_cpu_threads, threads_field

TOLERANCE = 1e-10
GOALS = (Goal("max_grad_diff", "<=", TOLERANCE), Goal("max_loss_diff", "<=", TOLERANCE), Goal("loss_fall", ">", 0))
SHOWN = 6  # gradient entries per parameter shown side by side


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hidden: int = Field(32, ge=1, le=1024, description=N_("hidden units in the one hidden (tanh) layer"))
    lr: float = Field(0.5, gt=0, le=100, description=N_("learning rate of plain gradient descent (both copies)"))
    epochs: int = Field(20, ge=1, le=1000, description=N_("passes over the training digits"))
    batch_size: int = Field(64, ge=1, le=4096, description=N_("examples per gradient step"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports (each costs one device sync)"))
    threads: int = threads_field()


def _data(device: torch.device, seed: int):
    x, y = digits(device, torch.float64)
    train, test = stratified_split(y, (0.8, 0.2), seed=seed)
    x = x.reshape(len(x), -1)
    return x[train], y[train], x[test], y[test]


def _gradient_rows(manual: manual_mlp.Params, auto: dict[str, torch.Tensor]) -> list[dict]:
    rows = []
    for name in manual_mlp.NAMES:
        m, a = manual[name], auto[name]
        rows.append({"parameter": name, "shape": list(m.shape),
                     "manual": m.flatten()[:SHOWN].tolist(), "autograd": a.flatten()[:SHOWN].tolist(),
                     "norm_manual": m.norm().item(), "norm_autograd": a.norm().item(),
                     "max_abs_diff": (m - a).abs().max().item()})
    return rows


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    device = manual_mlp.float64_device(ctx.device)
    x, y, x_test, y_test = _data(device, ctx.seed)
    manual = manual_mlp.init(x.shape[1], p.hidden, 10, ctx.seed, device=device)
    auto = {name: t.clone().requires_grad_() for name, t in manual.items()}
    worst_grad = torch.zeros((), dtype=torch.float64, device=device)  # running max, kept on the device
    worst_loss = torch.zeros((), dtype=torch.float64, device=device)
    first_loss = last = None
    for epoch in range(1, p.epochs + 1):
        for index in batches(len(y), p.batch_size, device):
            xb, yb = x[index], y[index]
            loss_m, grads_m = manual_mlp.loss_and_grads(manual, xb, yb)
            loss_a = manual_mlp.loss(auto, xb, yb)
            grads_a = dict(zip(manual_mlp.NAMES, torch.autograd.grad(loss_a, [auto[n] for n in manual_mlp.NAMES])))
            diff = torch.stack([(grads_m[n] - grads_a[n]).abs().max() for n in manual_mlp.NAMES]).max()
            worst_grad = torch.maximum(worst_grad, diff)
            worst_loss = torch.maximum(worst_loss, (loss_m - loss_a.detach()).abs())
            manual_mlp.sgd_step(manual, grads_m, p.lr)
            with torch.no_grad():
                manual_mlp.sgd_step(auto, grads_a, p.lr)
            ctx.step()
            if ctx.steps % p.report_every == 0 or ctx.steps == 1:
                last = ctx.report({"loss/manual": loss_m, "loss/autograd": loss_a})  # gaps: in each Epoch
                first_loss = first_loss or last.values["loss/manual"]
                yield last
            if ctx.stopped:
                break
        metrics = _metrics(manual, auto, x, y, x_test, y_test, worst_grad, worst_loss)
        yield Epoch(epoch, metrics)
        yield Sample("gradients", {"rows": _gradient_rows(grads_m, grads_a), "batch_size": len(yb),
                                   "note": _("the same step's gradients, by hand and by autograd")}, ctx.steps)
        if ctx.stopped:
            break
    metrics["first_loss"] = first_loss or metrics["train_loss/manual"]
    metrics["loss_fall"] = metrics["first_loss"] - metrics["train_loss/manual"]
    return Result(metrics)


def _metrics(manual, auto, x, y, x_test, y_test, worst_grad, worst_loss) -> dict[str, float]:
    with torch.no_grad():
        values = torch.stack([manual_mlp.loss(manual, x, y), manual_mlp.loss(auto, x, y),
                              manual_mlp.accuracy(manual, x_test, y_test), manual_mlp.accuracy(auto, x_test, y_test),
                              worst_grad, worst_loss,
                              torch.stack([(manual[n] - auto[n]).abs().max() for n in manual_mlp.NAMES]).max()])
    names = ("train_loss/manual", "train_loss/autograd", "test_acc/manual", "test_acc/autograd",
             "max_grad_diff", "max_loss_diff", "max_weight_diff")
    return dict(zip(names, values.cpu().tolist()))


def describe(p: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    count = manual_mlp.count(manual_mlp.init(64, p.hidden, 10, 0))
    return (_("2-layer MLP 64→{hidden}→10 (tanh, softmax cross-entropy), float64, trained twice from the same "
              "weights: hand-written backward pass vs autograd").format(hidden=p.hidden),
            {"manual": count, "autograd": count})


def total_steps(p: Params) -> int:
    return p.epochs * -(-1438 // p.batch_size)  # stratified 80 % of the 1,797 digits per epoch


EXERCISE = Exercise(
    id="backprop",
    title=N_("Backpropagation by hand vs autograd"),
    target=N_("hand-written and autograd gradients agree to ≤ {tolerance:g} at every step (float64), "
              "the two loss curves coincide, and the loss falls"),
    target_args={"tolerance": TOLERANCE},
    Params=Params,
    train=train,
    describe=describe,
    total_steps=total_steps,
    goals=GOALS,
)
