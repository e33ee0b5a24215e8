"""Lab benchmarks: time to target with the defaults, and what watching costs.

For every exercise:
  1. time to target: one run with the default hyperparameters (duration, verdict);
  2. overhead: steps/s of the exercise's own loop while its events are consumed, vs a bare
     PyTorch loop of the same models, data, batch sizes and thread count (no events, no
     evaluation, no syncs). The two are interleaved and repeated; medians and the min–max
     spread are reported. Goal: exercise / bare ≥ 0.95.

The exercise's speed is measured between its first and last Step event, so data loading and
imports are left out on both sides; evaluation and pictures between epochs are counted (they
are part of watching). Run:  python benchmarks/lab.py [--repeats 3] [--only cnn,gan] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable

import torch
import torch.nn.functional as F

from dltutor.lab import data
from dltutor.lab.exercise import parse_params, run
from dltutor.lab.exercises.distributed import ddp_speed_key
from dltutor.lab.registry import EXERCISES, get_exercise
from dltutor.lab.threads import cpu_threads

# Short budgets for the overhead measurement (the time-to-target run uses the defaults).
BUDGET = {  # windows of ~1–5 s on the 2-core dev box: shorter ones drown in the shared machine's noise
    "concepts": {"epochs": 1000},
    "activations": {"epochs": 8},
    "backprop": {"epochs": 20},
    "cnn": {"epochs": 6},
    "rnn": {"part": "adding", "steps": 80, "freeze_below": 0.0},
    "attention": {"steps": 400, "lstm_steps": 400},
    "gan": {"steps": 500},
    "framework": {"steps": 600},
    "workflow": {"epochs": 10, "patience": 100},
    "distributed": {"epochs": 20, "timing_batches": "32", "timing_steps": 1},
}

Loop = Callable[[], tuple[int, float]]  # runs the bare loop, returns (steps timed, seconds)


def timed(steps: list[Callable[[], None]]) -> tuple[int, float]:
    """Run the steps; time all but the first (warm-up, as the exercise side's clock starts at its first Step)."""
    steps[0]()
    start = time.perf_counter()
    for step in steps[1:]:
        step()
    return len(steps) - 1, time.perf_counter() - start


def minibatch_plan(n: int, batch_size: int, epochs: int) -> list[torch.Tensor]:
    return [idx for _ in range(epochs) for idx in data.batches(n, batch_size, "cpu")]


# ---- bare loops, one per exercise, built from the exercise modules' own pieces ---------------------

def bare_concepts(p) -> Loop:
    from dltutor.lab.exercises.concepts import build, load
    from dltutor.lab.nets import make_optimizer

    sets, models = load(p, 0, "cpu"), build(p)
    runs = [(m, sets[name.split("/")[0]][0]) for name, m in models.items()]
    opt = make_optimizer(p.optimizer, [w for m in models.values() for w in m.parameters()], p.lr)

    def step():
        loss = sum(F.cross_entropy(m(t.x), t.y) for m, t in runs)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return lambda: timed([step] * p.epochs)


def _classifier_loop(models: list, opt, x, y, plan, sched=None) -> Loop:
    def make(idx):
        def step():
            loss = torch.stack([F.cross_entropy(m(x[idx]), y[idx]) for m in models]).sum()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if sched:
                sched.step()
        return step
    return lambda: timed([make(idx) for idx in plan])


def bare_activations(p) -> Loop:
    from dltutor.lab.exercises.activations import build
    from dltutor.lab.nets import make_optimizer

    x, y = data.digits()
    train, _ = data.stratified_split(y, (0.8, 0.2))
    models = list(build(p, 0).values())
    opt = make_optimizer("sgd", [w for m in models for w in m.parameters()], p.lr)
    return _classifier_loop(models, opt, x.flatten(1)[train], y[train], minibatch_plan(len(train), p.batch_size, p.epochs))


def bare_cnn(p) -> Loop:
    from dltutor.lab.exercises.cnn import build
    from dltutor.lab.nets import make_optimizer

    x, y = data.digits()
    x = F.pad(x, (p.pad,) * 4)
    train, _ = data.stratified_split(y, (0.8, 0.2))
    models = list(build(p, x.shape[-1]).values())
    opt = make_optimizer("adam", [w for m in models for w in m.parameters()], p.lr)
    plan = minibatch_plan(len(train), p.batch_size, p.epochs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, p.lr, total_steps=len(plan))
    return _classifier_loop(models, opt, x[train], y[train], plan, sched)


def bare_workflow(p) -> Loop:
    from dltutor.lab.exercises.workflow import SPLIT, Normaliser, build
    from dltutor.lab.nets import make_optimizer

    x, y = data.digits()
    train = data.stratified_split(y, SPLIT)[0]
    model = build(p, 64)
    opt = make_optimizer("adam", model.parameters(), p.lr, weight_decay=p.weight_decay)
    return _classifier_loop([model], opt, Normaliser(x[train])(x[train]), y[train],
                            minibatch_plan(len(train), p.batch_size, p.epochs))


def bare_backprop(p) -> Loop:
    from dltutor.lab import manual_mlp

    x, y = data.digits(dtype=torch.float64)
    train, _ = data.stratified_split(y, (0.8, 0.2))
    x, y = x.reshape(len(x), -1)[train], y[train]
    manual = manual_mlp.init(64, p.hidden, 10, 0)
    auto = {name: t.clone().requires_grad_() for name, t in manual.items()}
    worst = [torch.zeros((), dtype=torch.float64)] * 2

    def make(idx):
        def step():
            xb, yb = x[idx], y[idx]
            loss_m, grads_m = manual_mlp.loss_and_grads(manual, xb, yb)
            loss_a = manual_mlp.loss(auto, xb, yb)
            grads_a = dict(zip(manual_mlp.NAMES, torch.autograd.grad(loss_a, [auto[n] for n in manual_mlp.NAMES])))
            # the comparison is the exercise's own work, not watching: the bare loop does it too (no sync)
            diff = torch.stack([(grads_m[n] - grads_a[n]).abs().max() for n in manual_mlp.NAMES]).max()
            worst[0] = torch.maximum(worst[0], diff)
            worst[1] = torch.maximum(worst[1], (loss_m - loss_a.detach()).abs())
            manual_mlp.sgd_step(manual, grads_m, p.lr)
            with torch.no_grad():
                manual_mlp.sgd_step(auto, grads_a, p.lr)
        return step
    return lambda: timed([make(idx) for idx in minibatch_plan(len(y), p.batch_size, p.epochs)])


def bare_rnn(p) -> Loop:
    from dltutor.lab.exercises.rnn import CELLS, Reader, adding_batch
    from dltutor.lab.nets import clipped_step

    models = {cell: Reader(cell, 2, p.hidden, 1) for cell in CELLS}
    opts = {cell: torch.optim.Adam(m.parameters(), lr=p.lr) for cell, m in models.items()}

    def step():
        x, y = adding_batch(p.batch_size, p.seq_len, "cpu")
        for cell, model in models.items():
            clipped_step(model, opts[cell], ((model(x) - y) ** 2).mean(), p.clip)
    return lambda: timed([step] * p.steps)


def bare_attention(p) -> Loop:
    from dltutor.lab.exercises.attention import build, recall_batch
    from dltutor.lab.nets import clipped_step

    models = build(p)
    opts = {name: torch.optim.Adam(m.parameters(), lr=p.lr) for name, m in models.items()}

    def step():
        batch = recall_batch(p.batch_size, p, "cpu")
        for name, model in models.items():
            clipped_step(model, opts[name], F.cross_entropy(model(batch)[0], batch.answer), p.clip)
    return lambda: timed([step] * max(p.steps, p.lstm_steps))


def bare_gan(p) -> Loop:
    from dltutor.lab.exercises.gan import MODES, RADIUS, STD, adversarial_step, networks

    real = data.ring(20_000, MODES, RADIUS, STD).x
    generator, discriminator = networks(p)
    opt_g = torch.optim.Adam(generator.parameters(), lr=p.lr, betas=(p.beta1, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=p.lr, betas=(p.beta1, 0.999))

    def step():
        x_real = real[torch.randint(0, len(real), (p.batch_size,))]
        adversarial_step(generator, discriminator, opt_g, opt_d, x_real, torch.randn(p.batch_size, p.z_dim))
    return lambda: timed([step] * p.steps)


def bare_framework(p) -> Loop:
    from dltutor.lab import manual_mlp
    from dltutor.lab.exercises.framework import PRECISIONS, Autograd, Module, Raw, _batch_plan

    x, y = data.digits(dtype=torch.float64)
    plan = _batch_plan(len(y), p, 0, "cpu")
    versions = []
    for dtype in PRECISIONS.values():
        start = manual_mlp.init(64, p.hidden, 10, 0, dtype=dtype)
        xs = x.reshape(len(x), -1).to(dtype)
        versions += [(model, xs) for model in (Raw(start), Autograd(start), Module(start, p.lr))]

    def make(idx):
        def step():
            for model, xs in versions:
                model.step(xs[idx], y[idx], p.lr)
        return step
    return lambda: timed([make(idx) for idx in plan])


def bare_distributed(p) -> Loop:
    """The same two DDP ranks with nothing watched: no reports, so no rank comparisons and no events in the
    loop; the workers' own clock (training steps only) gives the speed."""
    exercise = get_exercise("distributed")
    settings = {**p.model_dump(), "report_every": 10**9}

    def loop():
        finished = [e for e in run(exercise, settings, device="cpu") if e.event in ("finished", "failed")][-1]
        if finished.event == "failed":
            raise RuntimeError(finished.reason)
        speed = finished.metrics[ddp_speed_key(p.world_size)]
        return finished.steps, finished.steps / speed
    return loop


BARE = {name: globals()[f"bare_{name}"] for name in EXERCISES}


# ---- measuring ------------------------------------------------------------------------------------

def exercise_speed(exercise, params: dict) -> float:
    """Steps/s between the first and the last Step event, with every event consumed."""
    marks = []
    for event in run(exercise, params, device="cpu"):
        if event.event == "step":
            marks.append((event.step, time.perf_counter()))
        elif event.event == "failed":
            raise RuntimeError(event.reason)
    (s0, t0), (s1, t1) = marks[0], marks[-1]
    return (s1 - s0) / (t1 - t0)


def bare_speed(exercise, params: dict) -> float:
    p = parse_params(exercise, params)
    torch.manual_seed(0)
    loop = BARE[exercise.id](p)
    with cpu_threads(getattr(p, "threads", 0)):
        steps, seconds = loop()
    return steps / seconds


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def bench(name: str, repeats: int, target_run: bool = True) -> dict:
    exercise = get_exercise(name)
    target = {"seconds": float("nan"), "met": False}
    if target_run:
        t = time.perf_counter()
        finished = [e for e in run(exercise, {}, device="cpu") if e.event in ("finished", "failed")][-1]
        target = {"seconds": round(time.perf_counter() - t, 1), "met": getattr(finished, "target_met", False)}
    ours, bare = [], []
    for i in range(repeats):  # interleaved in ABBA order, so load changes and warm-up hit both alike
        for side in ((ours, exercise_speed), (bare, bare_speed))[:: 1 if i % 2 == 0 else -1]:
            side[0].append(side[1](exercise, BUDGET[name]))
    ratios = [a / b for a, b in zip(ours, bare)]
    return {"exercise": name, "target_s": target["seconds"], "target_met": target["met"],
            "steps_per_s": ours, "bare_steps_per_s": bare, "ratio": ratios,
            "ratio_median": round(statistics.median(ratios), 3)}


def table(rows: list[dict]) -> str:
    lines = ["| exercise | time to target (defaults) | met | steps/s, events consumed | steps/s, bare loop | "
             "ratio median (min–max) |", "|---|---:|:-:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['exercise']} | {r['target_s']:.1f} s | {'yes' if r['target_met'] else 'no'} | "
                     f"{spread(r['steps_per_s'])} | {spread(r['bare_steps_per_s'])} | "
                     f"{r['ratio_median']:.2f} ({min(r['ratio']):.2f}–{max(r['ratio']):.2f}) |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="interleaved pairs per exercise (default 3)")
    parser.add_argument("--only", default="", help="comma-separated exercise ids (default: all)")
    parser.add_argument("--no-target", action="store_true", help="skip the time-to-target runs (overhead only)")
    parser.add_argument("--json", dest="json_path", default="", help="also write the raw numbers here")
    args = parser.parse_args(argv)
    names = [n for n in (args.only.split(",") if args.only else EXERCISES)]
    unknown = set(names) - set(EXERCISES)
    if unknown:
        parser.error(f"unknown exercise(s): {', '.join(sorted(unknown))}; known: {', '.join(EXERCISES)}")
    rows = []
    for name in names:
        rows.append(bench(name, args.repeats, not args.no_target))
        r = rows[-1]
        print(f"{name}: target {r['target_s']} s ({'met' if r['target_met'] else 'NOT met'}), "
              f"ratio {r['ratio_median']}", file=sys.stderr, flush=True)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.repeats} interleaved repeats\n")
    print(table(rows))
    if args.json_path:
        with open(args.json_path, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
