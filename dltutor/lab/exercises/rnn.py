"""Lesson 5: why gated cells remember: the adding problem, and digits read row by row.

The adding problem (Hochreiter & Schmidhuber, 1997): each sequence has T steps of (random value in
[0, 1), marker); exactly two steps are marked, one in each half, and the answer is the sum of the two
marked values. Always guessing 1.0 gives MSE 1/6 ≈ 0.167 (the variance of that sum), so a model only
beats 0.167 if it carries a value across up to T steps. A vanilla RNN, LSTM and GRU of the same width
train side by side on the same batches: the gated cells' additive memory keeps the gradient alive over
50 steps and they drop below 0.01; the vanilla RNN's gradient vanishes and it stays at the baseline.
Then an LSTM reads the real 8×8 digits one row per time step and classifies them.
"""

from __future__ import annotations

from typing import Literal

import torch
from pydantic import BaseModel, ConfigDict, Field
from torch import nn

from dltutor.i18n import N_, _
from dltutor.lab.data import batches, digits, stratified_split
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import clipped_step, count_params
from dltutor.lab.threads import cpu_threads, threads_field

BASELINE = 1 / 6  # MSE of always answering 1.0: Var(U₁ + U₂) = 2 · 1/12
GOAL_MSE = 0.01
STUCK_MSE = 0.1  # the vanilla RNN counts as "near the baseline" above this
GOAL_ACC = 0.95
CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
GATED = {"lstm", "gru"}
TEST_SIZE = 1000
WHY = N_("The vanilla RNN multiplies its gradient by W·tanh′ once per time step, so over 50 steps it shrinks towards "
       "zero (vanishing gradients) and the RNN never learns which values were marked: it stays at the baseline of "
       "always guessing 1.0. The LSTM updates its cell state by addition, c = f⊙c + i⊙g, so while the forget gate "
       "stays near 1 the gradient flows back unchanged; the GRU's update gate does the same job with fewer weights. "
       "Gated models often sit on the baseline for a while before they find the marked values, then drop fast.")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    part: Literal["adding", "digits", "both"] = Field("both", description=N_("which experiment to run"))
    seq_len: int = Field(50, ge=4, le=1000, description=N_("T, the adding problem's sequence length"))
    hidden: int = Field(32, ge=1, le=1024, description=N_("hidden units of every recurrent cell"))
    lr: float = Field(0.03, gt=0, le=10, description=N_("Adam learning rate (all models)"))
    steps: int = Field(800, ge=1, le=100_000,
                       description=N_("most adding-problem training steps (a fresh random batch each)"))
    batch_size: int = Field(128, ge=1, le=4096, description=N_("sequences (or digits) per step"))
    clip: float = Field(1.0, ge=0, description=N_("clip each model's gradient norm to this (0 = no clipping)"))
    freeze_below: float = Field(0.005, ge=0, description=N_("a model whose adding-problem test MSE falls below this "
                                "stops training; once LSTM and GRU both have, the part ends (0 = run all steps)"))
    digits_epochs: int = Field(15, ge=1, le=1000, description=N_("passes over the training digits (digits part)"))
    eval_every: int = Field(25, ge=1, description=N_("adding-problem steps between test-set evaluations"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports (each costs one device sync)"))
    threads: int = threads_field()


class Reader(nn.Module):
    """A recurrent cell reading a sequence, then a linear head on its last hidden state."""

    def __init__(self, cell: str, n_in: int, hidden: int, n_out: int):
        super().__init__()
        self.cell, self.head = CELLS[cell](n_in, hidden, batch_first=True), nn.Linear(hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.cell(x)[0][:, -1])


def adding_batch(n: int, length: int, device, generator: torch.Generator | None = None):
    """x [n, T, 2] = (value, marker), y [n, 1] = the sum of the two marked values."""
    values = torch.rand(n, length, device=device, generator=generator)
    first = torch.randint(0, length // 2, (n,), device=device, generator=generator)
    second = torch.randint(length // 2, length, (n,), device=device, generator=generator)
    marks = torch.zeros(n, length, device=device)
    rows = torch.arange(n, device=device)
    marks[rows, first] = 1.0
    marks[rows, second] = 1.0
    return torch.stack([values, marks], 2), (values * marks).sum(1, keepdim=True)


def train(ctx: Context):
    p: Params = ctx.params
    metrics: dict[str, float] = {}
    with cpu_threads(p.threads):
        if p.part in ("adding", "both"):
            metrics.update((yield from _adding(ctx)))
        if p.part in ("digits", "both") and not ctx.stopped:
            metrics.update((yield from _digits(ctx)))
    return Result(metrics)


def goals(p: Params) -> list[Goal]:
    """The target of the parts this run trains."""
    adding = [Goal("test_mse/lstm", "<", GOAL_MSE), Goal("test_mse/gru", "<", GOAL_MSE),
              Goal("test_mse/rnn", ">", STUCK_MSE)]
    digits_part = [Goal("digits_test_acc", ">=", GOAL_ACC)]
    return {"adding": adding, "digits": digits_part, "both": adding + digits_part}[p.part]


def _adding(ctx: Context):
    p: Params = ctx.params
    x_test, y_test = adding_batch(TEST_SIZE, p.seq_len, "cpu", torch.Generator().manual_seed(ctx.seed + 1))
    x_test, y_test = x_test.to(ctx.device), y_test.to(ctx.device)
    models = {cell: Reader(cell, 2, p.hidden, 1).to(ctx.device) for cell in CELLS}
    opts = {cell: torch.optim.Adam(m.parameters(), lr=p.lr) for cell, m in models.items()}
    curves: dict[str, list] = {"step": [], **{cell: [] for cell in CELLS}}
    frozen: dict[str, int] = {}  # cell -> step at which it reached freeze_below (its test MSE no longer changes)
    test: dict[str, float] = {}
    for step in range(1, p.steps + 1):
        x, y = adding_batch(p.batch_size, p.seq_len, ctx.device)
        losses = {}
        for cell, model in models.items():
            if cell in frozen:
                continue
            loss = ((model(x) - y) ** 2).mean()
            clipped_step(model, opts[cell], loss, p.clip)
            losses[f"mse/{cell}"] = loss.detach()
        ctx.step()
        if step % p.report_every == 0 or step == 1:
            yield ctx.report(losses)
        if step % p.eval_every == 0 or step == p.steps or ctx.stopped:
            test = {**test, **_test_mse({c: m for c, m in models.items() if c not in frozen}, x_test, y_test)}
            curves["step"].append(step)
            for cell in CELLS:
                curves[cell].append(test[f"test_mse/{cell}"])
                if test[f"test_mse/{cell}"] < p.freeze_below and cell not in frozen:
                    frozen[cell] = step
            yield Epoch(step, test)
        if ctx.stopped or GATED <= frozen.keys():  # the RNN has had as many steps as the slower gated cell needed
            break
    curves["baseline"] = [BASELINE] * len(curves["step"])  # lists are curves over "step"; strings are captions
    yield Sample("curves", {"title": _("adding problem, T = {length}: test MSE").format(length=p.seq_len), **curves,
                            "note": _(WHY)}, ctx.steps)
    test["baseline_mse"] = BASELINE  # the last evaluation above ran at the final step
    test.update({f"converged_at/{cell}": float(at) for cell, at in frozen.items()})
    return test


@torch.no_grad()
def _test_mse(models, x, y) -> dict[str, float]:
    values = torch.stack([((m(x) - y) ** 2).mean() for m in models.values()])
    return {f"test_mse/{cell}": v for cell, v in zip(models, values.cpu().tolist())}


def _digits(ctx: Context):
    """An LSTM reads each 8×8 digit as a sequence of 8 rows of 8 pixels."""
    p: Params = ctx.params
    x, y = digits(ctx.device)
    x = x.squeeze(1)  # [N, 8 rows (time), 8 pixels (features)]
    train_idx, test_idx = stratified_split(y, (0.8, 0.2), seed=ctx.seed)
    model = Reader("lstm", 8, p.hidden, 10).to(ctx.device)
    opt = torch.optim.Adam(model.parameters(), lr=p.lr)
    steps_per_epoch = -(-len(train_idx) // p.batch_size)
    # cosine decay to zero: big steps early, small ones at the end, so the final accuracy does not jitter
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=p.digits_epochs * steps_per_epoch)
    acc = torch.zeros(())
    for epoch in range(1, p.digits_epochs + 1):
        for index in batches(len(train_idx), p.batch_size, ctx.device):
            chosen = train_idx[index]
            loss = nn.functional.cross_entropy(model(x[chosen]), y[chosen])
            clipped_step(model, opt, loss, p.clip)
            schedule.step()
            ctx.step()
            if ctx.steps % p.report_every == 0:
                yield ctx.report({"loss/digits_lstm": loss})
            if ctx.stopped:
                break
        with torch.no_grad():
            acc = (model(x[test_idx]).argmax(1) == y[test_idx]).float().mean()
        yield Epoch(epoch, {"digits_test_acc": acc.item()})
        if ctx.stopped:
            break
    return {"digits_test_acc": acc.item()}


def describe(p: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    counts, lines = {}, []
    if p.part in ("adding", "both"):
        for cell in CELLS:
            counts[cell] = count_params(Reader(cell, 2, p.hidden, 1))
        lines.append(_("adding problem T={length}: RNN, LSTM and GRU ({hidden} units each) + linear head").format(
            length=p.seq_len, hidden=p.hidden))
    if p.part in ("digits", "both"):
        counts["digits_lstm"] = count_params(Reader("lstm", 8, p.hidden, 10))
        lines.append(_("digits row by row: LSTM({hidden}) over 8 rows of 8 pixels + linear head").format(
            hidden=p.hidden))
    return "\n".join(lines), counts


def total_steps(p: Params) -> int:
    adding = p.steps if p.part in ("adding", "both") else 0
    digits_steps = p.digits_epochs * -(-1438 // p.batch_size)  # stratified 80 % of the 1,797 digits per epoch
    return adding + (digits_steps if p.part in ("digits", "both") else 0)


EXERCISE = Exercise(
    id="rnn",
    title=N_("RNN vs LSTM vs GRU: memory over time"),
    target=N_("adding problem: LSTM and GRU test MSE < {goal_mse:g} while the vanilla RNN stays near the "
              "{baseline:.3f} baseline (> {stuck:g}); digits read row by row by an LSTM ≥ {goal_acc:.0%} test "
              "accuracy"),
    target_args={"goal_mse": GOAL_MSE, "baseline": BASELINE, "stuck": STUCK_MSE, "goal_acc": GOAL_ACC},
    Params=Params,
    train=train,
    describe=describe,
    total_steps=total_steps,
    goals=goals,
)
