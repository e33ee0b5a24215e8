"""Lesson 8: the whole project loop on real digits, done the careful way.

1. Split once, stratified 70/15/15 (train / validation / test), seeded.
2. Fit the normalisation (per-pixel mean and spread) on the training split only,
   then apply it to all three: the test set must not leak into anything.
3. Train, watching the validation loss; keep a copy of the best weights.
4. Stop early when validation loss has not improved for `patience` epochs.
5. Restore the best checkpoint and evaluate the test set exactly once.
The confusion matrix and per-class recall of that one test evaluation are emitted.
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
from dltutor.lab.nets import confusion_matrix, count_params, make_optimizer, predict, small_cnn
from dltutor.lab.threads import on_cpu_threads, threads_field

TARGET = N_("≥ 97 % test accuracy, measured once on the held-out 15 % after restoring the best checkpoint")
GOALS = (Goal("test_acc", ">=", 0.97),)
SPLIT = (0.70, 0.15, 0.15)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lr: float = Field(0.005, gt=0, description=N_("learning rate (Adam)"))
    epochs: int = Field(40, ge=1, description=N_("most epochs; early stopping usually ends sooner"))
    patience: int = Field(8, ge=1, description=N_("epochs without a better validation loss before stopping"))
    batch_size: int = Field(32, ge=1, le=60_000, description=N_("images per step"))
    model: Literal["cnn", "mlp"] = Field("cnn", description=N_("a small CNN, or an MLP with two hidden layers"))
    channels: int = Field(16, ge=1, le=256, description=N_("CNN: filters in the first conv layer (the second has twice as many)"))
    hidden: int = Field(256, ge=1, le=4096, description=N_("MLP: neurons in each hidden layer"))
    dropout: float = Field(0.2, ge=0, lt=1, description=N_("MLP: dropout after each hidden layer"))
    weight_decay: float = Field(1e-4, ge=0, description=N_("L2 penalty (Adam's weight_decay)"))
    dataset: Literal[data.IMAGE_SETS] = Field("digits", description=N_("digits (bundled) or mnist/fashion-mnist files"))
    data_dir: Optional[str] = Field(None, description=N_("folder with the MNIST/Fashion-MNIST IDX files"))
    download: bool = Field(False, description=N_("download MNIST/Fashion-MNIST into data_dir if missing (needs internet)"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports"))
    threads: int = threads_field()


def build(params: Params, inputs: int) -> nn.Sequential:
    if params.model == "cnn":
        return small_cnn(params.channels)
    h = params.hidden
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(inputs, h), nn.ReLU(), nn.Dropout(params.dropout),
        nn.Linear(h, h), nn.ReLU(), nn.Dropout(params.dropout),
        nn.Linear(h, 10),
    )


def describe(params: Params, device) -> tuple[str, dict[str, int]]:
    inputs = 64 if params.dataset == "digits" else 784
    model = (_("CNN conv3×3({c})→conv3×3({c2})→global max→linear").format(c=params.channels, c2=2 * params.channels)
             if params.model == "cnn" else
             _("MLP {inputs}→{hidden}→{hidden}→10, dropout {dropout}").format(inputs=inputs, hidden=params.hidden,
                                                                            dropout=params.dropout))
    split = "/".join(f"{f:.0%}" for f in SPLIT)
    return (_("{model}, {dataset}, split {split}").format(model=model, dataset=params.dataset, split=split),
            {params.model: count_params(build(params, inputs))})


class Normaliser:
    """Mean and spread of the training pixels only, applied to every split. One pair for all pixels: per-pixel
    scaling would blow up the near-constant border pixels and the statistics of 1,257 images are noisy."""

    def __init__(self, x_train: torch.Tensor):
        self.mean, self.std = x_train.mean(), x_train.std()

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    images = data.image_set(p.dataset, ctx.device, data_dir=p.data_dir, download=p.download)
    x, y = images.x, images.y
    parts = data.stratified_split(y, SPLIT, seed=ctx.seed)
    norm = Normaliser(x[parts[0]])
    (xt, yt), (xv, yv), (xs, ys) = ((norm(x[i]), y[i]) for i in parts)
    model = build(p, x[0].numel()).to(ctx.device)
    opt = make_optimizer("adam", model.parameters(), p.lr, weight_decay=p.weight_decay)
    best = {"val_loss": float("inf"), "epoch": 0, "state": None}
    for epoch in range(1, p.epochs + 1):
        epoch_loss, batches = torch.zeros((), device=ctx.device), data.batches(len(yt), p.batch_size, ctx.device)
        for idx in batches:
            if ctx.stopped:
                break
            loss = F.cross_entropy(model(xt[idx]), yt[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            epoch_loss += loss.detach()
            ctx.step()
            if ctx.steps % p.report_every == 0:
                yield ctx.report({"loss/train": loss})
        if ctx.stopped:
            break
        model.eval()
        with torch.no_grad():
            logits = model(xv)
        model.train()
        val_acc = (logits.argmax(1) == yv).float().mean()
        train_loss, val_loss, val_acc = torch.stack([epoch_loss / len(batches), F.cross_entropy(logits, yv),
                                                     val_acc]).tolist()  # one sync per epoch
        if val_loss < best["val_loss"]:
            best = {"val_loss": val_loss, "epoch": epoch,
                    "state": {k: v.detach().clone() for k, v in model.state_dict().items()}}
        yield Epoch(epoch, {"train_loss": round(train_loss, 4), "val_loss": round(val_loss, 4),
                            "val_acc": round(val_acc, 4), "best_epoch": best["epoch"]})
        if epoch - best["epoch"] >= p.patience:
            break
    if best["state"] is None:  # stopped before the first epoch ended: nothing worth testing
        return Result({})
    model.load_state_dict(best["state"])
    pred = predict(model, xs)  # the one and only look at the test set
    matrix = confusion_matrix(pred, ys, 10)
    recall = (matrix.diag() / matrix.sum(1).clamp(min=1)).tolist()
    test_acc = (pred == ys).float().mean().item()
    yield Sample("confusion", {"matrix": matrix.tolist(), "labels": [str(i) for i in range(10)],
                               "recall": [round(r, 4) for r in recall]}, ctx.steps)
    metrics = {"test_acc": round(test_acc, 4), "best_epoch": best["epoch"], "epochs_run": epoch,
               "best_val_loss": round(best["val_loss"], 4), "worst_class_recall": round(min(recall), 4)}
    return Result(metrics)


EXERCISE = Exercise(
    id="workflow",
    title=N_("The project loop: split, normalise, early-stop, test once"),
    target=TARGET,
    Params=Params,
    train=train,
    describe=describe,
    total_steps=lambda p: p.epochs * -(-round(1797 * SPLIT[0]) // p.batch_size) if p.dataset == "digits" else 0,
    goals=GOALS,
)
