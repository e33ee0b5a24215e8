"""Lesson 7: one MLP at PyTorch's three levels, exported with torch.export, and your hardware's matmul speed.

The same 2-layer MLP (digits, plain SGD) is written three ways and trained from the same weights on the
same minibatches: raw tensors with hand-written gradients, autograd with a hand-written update, and
nn.Module + torch.optim. Run in float64 and float32 side by side, the three end with the same weights
up to floating-point rounding: about 1e-15 in float64 and, measured after the default 500 steps, under
1e-6 in float32, with autograd and nn.Module as far apart as either is from the hand-written version (the
gap is shown and explained, not hidden; the lesson's quoted numbers are re-measured by
tests/lessons/test_measured_numbers.py). The nn.Module is then exported with torch.export (dynamic batch size),
saved, reloaded and checked for identical outputs; last, matmul throughput on every device present.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import torch
from pydantic import BaseModel, ConfigDict, Field
from torch import nn

from dltutor.i18n import N_, _, ngettext
from dltutor.lab import manual_mlp
from dltutor.lab.data import digits
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.threads import cpu_threads, threads_field

TOLERANCE = 1e-10
GOALS = (Goal("max_weight_diff/float64", "<=", TOLERANCE), Goal("export_identical", ">=", 1.0))
LEVELS = ("raw", "autograd", "module")
PRECISIONS = {"float64": torch.float64, "float32": torch.float32}
PAIRS = (("raw", "module"), ("autograd", "module"), ("raw", "autograd"))


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hidden: int = Field(32, ge=1, le=1024, description=N_("hidden units in the one hidden (tanh) layer"))
    lr: float = Field(0.5, gt=0, le=100, description=N_("learning rate of plain SGD (all three versions)"))
    steps: int = Field(500, ge=1, le=100_000, description=N_("SGD steps; the float32 drift is measured after these"))
    batch_size: int = Field(64, ge=1, le=1797, description=N_("examples per step (the same batches for every version)"))
    report_every: int = Field(25, ge=1, description=N_("steps between loss/drift reports (each costs a device sync)"))
    matmul_size: int = Field(1024, ge=16, le=16384, description=N_("n of the n×n float32 matmul timed on each device"))
    export_path: str = Field("", description=N_("where to save the exported model (.pt2); empty = a temporary file"))
    threads: int = threads_field()


class Raw:
    """Level 1: plain tensors, gradients by the hand-written chain rule, update by hand."""

    def __init__(self, start: manual_mlp.Params):
        self.p = {n: t.clone() for n, t in start.items()}

    def step(self, x, y, lr):
        loss, grads = manual_mlp.loss_and_grads(self.p, x, y)
        manual_mlp.sgd_step(self.p, grads, lr)
        return loss

    def weights(self) -> manual_mlp.Params:
        return self.p


class Autograd(Raw):
    """Level 2: the same forward pass, gradients from loss.backward(), update still by hand."""

    def __init__(self, start):
        self.p = {n: t.clone().requires_grad_() for n, t in start.items()}

    def step(self, x, y, lr):
        loss = manual_mlp.loss(self.p, x, y)
        loss.backward()
        with torch.no_grad():
            for t in self.p.values():
                t -= lr * t.grad
                t.grad = None
        return loss.detach()


class Module:
    """Level 3: nn.Sequential, nn.CrossEntropyLoss and torch.optim.SGD: what real code looks like."""

    def __init__(self, start, lr):
        hidden, n_in = start["W1"].shape
        self.model = nn.Sequential(nn.Linear(n_in, hidden), nn.Tanh(), nn.Linear(hidden, start["W2"].shape[0]))
        self.model.to(device=start["W1"].device, dtype=start["W1"].dtype)
        with torch.no_grad():
            for name, t in self.weights().items():
                t.copy_(start[name])
        self.loss_fn = nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(self.model.parameters(), lr=lr)

    def step(self, x, y, lr):
        loss = self.loss_fn(self.model(x), y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.detach()

    def weights(self) -> manual_mlp.Params:
        first, last = self.model[0], self.model[2]
        return {"W1": first.weight, "b1": first.bias, "W2": last.weight, "b2": last.bias}


def _gap(a: manual_mlp.Params, b: manual_mlp.Params) -> torch.Tensor:
    """The largest difference between two sets of weights, as a 0-d tensor."""
    return torch.stack([(a[n].detach() - b[n].detach()).abs().max() for n in manual_mlp.NAMES]).max().double()


def _batch_plan(n: int, p: Params, seed: int, device) -> list[torch.Tensor]:
    """Every step's minibatch, drawn once so all six versions see exactly the same examples."""
    gen = torch.Generator().manual_seed(seed)
    plan: list[torch.Tensor] = []
    while len(plan) < p.steps:
        plan += list(torch.randperm(n, generator=gen).split(p.batch_size))
    return [index.to(device) for index in plan[:p.steps]]


def train(ctx: Context):
    p: Params = ctx.params
    with cpu_threads(p.threads):
        versions, drift = yield from _train_all(ctx)
    if ctx.stopped:
        return Result(_compare(versions), False)
    metrics = _compare(versions)
    table = _drift_table(metrics, p)
    yield Sample("table", table, ctx.steps)
    yield Sample("curves", {"title": _("largest weight difference, raw vs nn.Module, as training goes on"), **drift,
                            "note": table["note"]}, ctx.steps)
    yield Epoch(1, metrics)
    export = _export_round_trip(versions["float32"]["module"].model, p, ctx.device)
    metrics.update(export.pop("metrics"))
    yield Sample("table", export, ctx.steps)
    if ctx.stopped:
        return Result(metrics, False)
    throughput = matmul_throughput(p.matmul_size, ctx.stop)
    metrics.update({f"gflops/{row[0]}": row[2] for row in throughput})
    yield Sample("table", {"title": _("float32 {n}×{n} matmul throughput").format(n=p.matmul_size),
                           "columns": [_("device"), _("name"), "GFLOP/s", _("ms per matmul")], "rows": throughput,
                           "note": _speed_note(throughput)}, ctx.steps)
    return Result(metrics)


def _train_all(ctx: Context):
    p: Params = ctx.params
    x, y = digits("cpu", torch.float64)
    plan = _batch_plan(len(y), p, ctx.seed, ctx.device)
    versions, data = {}, {}
    for precision, dtype in PRECISIONS.items():
        device = manual_mlp.float64_device(ctx.device) if dtype == torch.float64 else ctx.device
        data[precision] = (x.reshape(len(x), -1).to(device, dtype), y.to(device))
        start = manual_mlp.init(64, p.hidden, 10, ctx.seed, dtype=dtype, device=device)
        versions[precision] = {"raw": Raw(start), "autograd": Autograd(start), "module": Module(start, p.lr)}
    drift: dict[str, list] = {"step": [], **{precision: [] for precision in PRECISIONS}}  # raw vs module over time
    for index in plan:
        losses = {}
        for precision, models in versions.items():
            xs, ys = data[precision]
            index = index.to(ys.device)
            for level, model in models.items():
                losses[f"{precision}/{level}"] = model.step(xs[index], ys[index], p.lr)
        ctx.step()
        if ctx.steps % p.report_every == 0 or ctx.steps == 1:
            yield ctx.report(losses)
            gaps = torch.stack([_gap(m["raw"].weights(), m["module"].weights()).cpu() for m in versions.values()])
            drift["step"].append(ctx.steps)
            for precision, gap in zip(versions, gaps.tolist()):
                drift[precision].append(gap)
        if ctx.stopped:
            break
    return versions, drift


def _compare(versions) -> dict[str, float]:
    names, gaps = [], []
    for precision, models in versions.items():
        for a, b in PAIRS:
            names.append(f"weight_diff/{precision}/{a}_vs_{b}")
            gaps.append(_gap(models[a].weights(), models[b].weights()).cpu())
    metrics = dict(zip(names, torch.stack(gaps).tolist()))
    for level in LEVELS:  # float32's distance from the (nearly exact) float64 run of the same version
        low, high = versions["float32"][level].weights(), versions["float64"][level].weights()
        metrics[f"float32_vs_float64/{level}"] = _gap({n: t.to(high[n]) for n, t in low.items()}, high).item()
    for precision in PRECISIONS:
        metrics[f"max_weight_diff/{precision}"] = max(v for k, v in metrics.items() if f"/{precision}/" in k)
        weights = versions[precision]["module"].weights()
        metrics[f"weight_scale/{precision}"] = max(t.detach().abs().max().item() for t in weights.values())
    return metrics


def _drift_table(metrics: dict[str, float], p: Params) -> dict:
    rows = [[precision, f"{a} vs {b}", metrics[f"weight_diff/{precision}/{a}_vs_{b}"]]
            for precision in PRECISIONS for a, b in PAIRS]
    rows += [["float32 vs float64", level, metrics[f"float32_vs_float64/{level}"]] for level in LEVELS]
    f32, f64 = metrics["max_weight_diff/float32"], metrics["max_weight_diff/float64"]
    vs64 = max(metrics[f"float32_vs_float64/{level}"] for level in LEVELS)
    scale = metrics["weight_scale/float32"]
    note = _("After {steps} steps the three versions differ by at most {f64:.1e} in float64 and {f32:.1e} in "
             "float32, and each float32 run is up to {vs64:.1e} away from its float64 twin (weights are up to "
             "{scale:.2f} in size). This is floating-point rounding, not a bug: float32 keeps about 7 significant "
             "digits (machine epsilon {eps32:.1e}), float64 about 16 ({eps64:.1e}). The versions do the same math "
             "in a different order (nn.Linear fuses multiply and add, cross-entropy uses log_softmax, the "
             "hand-written pass uses exp/sum/log), so their last bits differ after every step; gradient descent "
             "feeds each step's weights into the next, so these tiny differences add up over the run. Same maths, "
             "different rounding: compare the results of different code paths with a tolerance, never with "
             "==.").format(steps=p.steps, f64=f64, f32=f32, vs64=vs64, scale=scale,
                           eps32=torch.finfo(torch.float32).eps, eps64=torch.finfo(torch.float64).eps)
    return {"title": _("same seed, same batches: largest weight difference between the three versions"),
            "columns": [_("precision"), _("versions"), "max |Δw|"], "rows": rows, "note": note}


def _export_round_trip(model: nn.Module, p: Params, device: torch.device) -> dict:
    """torch.export with a dynamic batch dimension, save, load, and compare outputs at several batch sizes."""
    model.eval()
    n_in = model[0].in_features
    example = torch.randn(8, n_in, device=device)
    program = torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(p.export_path).expanduser() if p.export_path else Path(tmp) / "framework_mlp.pt2"
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.export.save(program, path)
        size = path.stat().st_size
        loaded = torch.export.load(path).module()
    rows, worst = [], 0.0
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for batch in (1, 5, 8, 300):
            x = torch.rand(batch, n_in, generator=gen).to(device)
            gap = (loaded(x) - model(x)).abs().max().item()
            worst = max(worst, gap)
            rows.append([batch, gap])
    identical = worst == 0.0
    note = (_("exported once with an example batch of 8 and a dynamic batch dimension, saved ({size:,} bytes), "
              "loaded back and run at other batch sizes: identical outputs") if identical else
            _("exported once with an example batch of 8 and a dynamic batch dimension, saved ({size:,} bytes), "
              "loaded back and run at other batch sizes: outputs differ by up to {worst:.1e}"))
    return {"title": _("torch.export round trip (the float32 nn.Module)"),
            "columns": [_("batch size"), _("max |Δ output|")],
            "rows": rows, "file": str(path) if p.export_path else _("(temporary file)"), "bytes": size,
            "note": note.format(size=size, worst=worst),
            "metrics": {"export_identical": float(identical), "export_max_diff": worst, "export_bytes": float(size)}}


def _devices() -> list[torch.device]:
    found = [torch.device("cpu")]
    found += [torch.device("cuda", i) for i in range(torch.cuda.device_count())] if torch.cuda.is_available() else []
    mps = getattr(torch.backends, "mps", None)
    return found + ([torch.device("mps")] if mps and mps.is_available() else [])


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def matmul_throughput(n: int, stop=None, seconds: float = 0.5) -> list[list]:
    """[device, name, GFLOP/s, ms per matmul] for every device present; an n×n matmul is 2n³ floating-point ops."""
    rows = []
    for device in _devices():
        a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
        a @ b  # warm up: first calls pay for kernel selection and memory allocation
        _sync(device)
        reps, start = 0, time.perf_counter()
        while reps < 3 or time.perf_counter() - start < seconds:
            a @ b
            reps += 1
            if reps % 4 == 0:
                _sync(device)
            if stop is not None and stop.is_set():
                break
        _sync(device)
        elapsed = (time.perf_counter() - start) / reps
        name = torch.cuda.get_device_name(device) if device.type == "cuda" else (
            "Apple GPU" if device.type == "mps" else
            ngettext("CPU, {n} thread", "CPU, {n} threads", torch.get_num_threads()).format(n=torch.get_num_threads()))
        rows.append([str(device), name, float(f"{2 * n**3 / elapsed / 1e9:.4g}"), float(f"{elapsed * 1e3:.4g}")])
    return rows


def _speed_note(rows: list[list]) -> str:
    cpu = rows[0][2]
    if len(rows) == 1:
        return _("your CPU: {gflops:g} GFLOP/s. No GPU here; on one, this number is typically 10–100× higher, "
                 "because a GPU runs thousands of multiply-adds at once.").format(gflops=cpu)
    ratios = "; ".join(_("{device} is {ratio:.0f}× the CPU").format(device=row[0], ratio=row[2] / cpu)
                       for row in rows[1:])
    return _("{ratios} — GPUs win at matrix maths by running thousands of multiply-adds at once.").format(
        ratios=ratios)


def describe(p: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    count = manual_mlp.count(manual_mlp.init(64, p.hidden, 10, 0))
    return (_("2-layer MLP 64→{hidden}→10 (tanh) written three ways ({levels}), each trained in float64 and "
              "float32 from the same weights").format(hidden=p.hidden, levels=", ".join(LEVELS)),
            {f"{level}": count for level in LEVELS})


EXERCISE = Exercise(
    id="framework",
    title=N_("One model, three levels of PyTorch; export; CPU vs GPU"),
    target=N_("the three versions end with the same weights in float64 (≤ {tolerance:g}); the float32 drift is "
              "measured and explained; the torch.export round trip gives identical outputs"),
    target_args={"tolerance": TOLERANCE},
    Params=Params,
    train=train,
    describe=describe,
    total_steps=lambda p: p.steps,
    goals=GOALS,
)
