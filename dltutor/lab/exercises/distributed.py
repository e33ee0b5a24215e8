"""Lesson 9: real DistributedDataParallel with two processes, checked against one process.

Two worker processes (ranks) train the same MLP 64→128→10 on the digits with DDP over gloo (or NCCL, one
process per GPU): each rank sees its own shard of every epoch (DistributedSampler, batch 32 per rank, so
64 per step in all), and DDP averages the gradients with an all-reduce during backward. The parent relays
the workers' reports as events and then checks the two claims the lesson makes: the ranks' weights are
identical after every step, and DDP ends with the weights one process gets on the joined batches (up to
float rounding: ~1e-7 in float32, ~1e-16 in float64). Last, it times a step's compute and the gradient
all-reduce apart, to show what communication costs and how its share falls as each rank computes more.
"""

from __future__ import annotations

import os
import queue as queue_module
import sys
import time
from contextlib import contextmanager
from typing import Literal

import torch
from pydantic import BaseModel, ConfigDict, Field, field_validator

from dltutor.i18n import N_, _, ngettext
from dltutor.lab import ddp
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, ExerciseFailed, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import count_params, mlp
from dltutor.lab.threads import cpu_threads, threads_field

TRAIN_EXAMPLES = 1438  # stratified 80 % of the 1,797 digits
GOALS = (Goal("max_rank_diff", "<=", 1e-6), Goal("ddp_vs_single/float32", "<=", 1e-5),
         Goal("ddp_vs_single/float64", "<=", 1e-12), Goal("test_acc", ">=", 0.90), Goal("allreduce_share", ">=", 0))
TARGET = N_("the ranks' weights stay equal (≤ 1e-6); DDP matches one process on the joined batches (≤ 1e-5 in "
          "float32, ≤ 1e-12 in float64); test accuracy ≥ 90 %; the all-reduce share of a step is measured")
BATCH_LIST = r"^ *[1-9][0-9]{0,3}( *, *[1-9][0-9]{0,3}){0,5} *$"  # 1 to 6 sizes of 1–9,999 (≤ 8,192: checked below)
MAX_TIMING_BATCH = 8192
START_TIMEOUT_S = 120  # spawning a worker imports torch afresh: seconds, more on a busy machine


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    world_size: int = Field(2, ge=1, le=8, description=N_("processes (ranks), each training on its own shard; at "
                            "most 8, since each is a whole Python process with its own torch (~300 MB)"))
    hidden: int = Field(128, ge=1, le=8192, description=N_("hidden units of the MLP 64→hidden→10"))
    lr: float = Field(0.05, gt=0, le=10, description=N_("learning rate of SGD (the same on every rank)"))
    momentum: float = Field(0.9, ge=0, lt=1, description=N_("SGD momentum"))
    batch_size: int = Field(32, ge=1, le=1438, description=N_("examples per rank per step (global batch = "
                            "batch_size × world_size)"))
    epochs: int = Field(10, ge=1, le=1000, description=N_("passes over the training digits"))
    report_every: int = Field(20, ge=1, description=N_("steps between reports (each compares the ranks' weights: "
                              "two extra all-reduces)"))
    # Text, not a list: a form field and `--set timing_batches=32,256` both give text, and the app builds its
    # form from the JSON schema of these fields (see lab/params_schema.py).
    timing_batches: str = Field("32,256,2048", pattern=BATCH_LIST, description=N_(
        "batch sizes per rank, comma-separated (at most 6, each ≤ 8192), at which a step's compute and the "
        "all-reduce are timed (the run's own batch_size is always added)"))  # 8192: MAX_TIMING_BATCH
    timing_steps: int = Field(20, ge=1, le=10_000, description=N_("steps per timing measurement"))
    worker_timeout: float = Field(20, ge=1, le=3600, description=N_("seconds without news from the workers after "
                                  "which the run counts as hung and every process is ended"))
    fault: Literal["none", "crash", "hang"] = Field("none", description=N_("make the last rank crash or hang at "
                                                    "step 5, to see what the others do"))
    threads: int = threads_field()

    @field_validator("timing_batches")
    @classmethod
    def _batches_not_too_big(cls, text: str) -> str:
        if any(int(part) > MAX_TIMING_BATCH for part in text.split(",")):
            raise ValueError(_("each timing batch must be at most {most}").format(most=MAX_TIMING_BATCH))
        return text

    @property
    def timing_batch_sizes(self) -> list[int]:
        return [int(part) for part in self.timing_batches.split(",")]


def describe(params: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    model = mlp([64, params.hidden, 10])
    return (_("DistributedDataParallel, {ranks} processes × MLP 64→{hidden}→10, batch {batch} per rank ({total} "
              "per step), digits").format(ranks=params.world_size, hidden=params.hidden, batch=params.batch_size,
                                          total=params.batch_size * params.world_size)), \
        {"mlp (each rank)": count_params(model)}


def total_steps(p: Params) -> int:
    per_rank = -(-TRAIN_EXAMPLES // p.world_size)
    return p.epochs * -(-per_rank // p.batch_size)


def train(ctx: Context):
    p: Params = ctx.params
    device_type = ctx.device.type
    # pick_device's reason for a device the learner named is "asked for", in English or, once device.py
    # words its reasons for the learner, in the process's language: either way it is not an automatic pick.
    asked = ctx.choice.reason in ("asked for", _("asked for"))
    try:
        layout = ddp.plan(device_type, torch.cuda.device_count() if device_type == "cuda" else 0, p.world_size,
                          asked=asked)
    except ValueError as exc:
        raise ExerciseFailed(str(exc)) from None
    cfg = {**p.model_dump(), "seed": ctx.seed, "port": ddp.free_port(), "backend": layout.backend,
           "device_type": layout.device_type, "parent_pid": os.getpid(),
           # The process group's timeout is longer than ours, so that a hang is reported as a hang (by us)
           # rather than as the waiting rank's own timeout error, whichever clock runs first on a busy CPU.
           "timeout_s": 2 * p.worker_timeout + 5,
           "timing_batches": sorted({*p.timing_batch_sizes, p.batch_size})}  # the share quoted is the run's own
    workers = Workers(cfg)
    try:
        trained, timing, seen = yield from _relay(ctx, workers, layout)
    finally:
        workers.end()
    if ctx.stopped or "float32" not in trained:
        return Result(seen, False)
    with cpu_threads(p.threads):
        metrics = {**seen, **(yield from _compare(ctx, cfg, trained))}
    share = yield from _show_timing(timing, p)
    metrics.update(share)
    return Result(metrics)


class Workers:
    """The rank processes, their queue and their stop flag; `end()` leaves no process behind."""

    def __init__(self, cfg: dict):
        import torch.multiprocessing as mp

        context = mp.get_context("spawn")  # fork is unsafe in a process that has threads (the app has)
        self.world_size = cfg["world_size"]
        with _real_stderr():
            self.queue, self.stop = context.Queue(), context.Event()
            self.processes = mp.start_processes(ddp.worker, args=(cfg, self.queue, self.stop),
                                                nprocs=self.world_size, join=False, start_method="spawn")

    def ended(self, done: set[int]) -> list[int]:
        """Ranks whose process has ended without reporting "done": killed, crashed, or ended by a signal
        (torch.multiprocessing exits with status 0 on KeyboardInterrupt, so the status alone does not tell)."""
        return [rank for rank, proc in enumerate(self.processes.processes)
                if proc.exitcode is not None and rank not in done]

    def end(self) -> None:
        """Ask every rank to stop, give them 2 s in all (not 2 s each: 8 ranks would take 16 s), then kill;
        `killed` lists the ranks that had to be killed (none when the run ends normally)."""
        self.stop.set()
        deadline = time.monotonic() + 2
        for proc in self.processes.processes:
            proc.join(timeout=max(deadline - time.monotonic(), 0))
        self.killed = [rank for rank, proc in enumerate(self.processes.processes) if proc.is_alive()]
        for rank in self.killed:
            self.processes.processes[rank].kill()
            self.processes.processes[rank].join(timeout=5)
        self.queue.close()
        self.queue.join_thread()


@contextmanager
def _real_stderr():
    """Starting processes hands sys.stderr's file descriptor to multiprocessing's helper process; inside the
    Textual app sys.stderr is a capture object without a real one, which makes the start fail. Use the
    process's original stderr while the workers start."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    saved = sys.stderr
    if not usable:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


def _relay(ctx: Context, workers: Workers, layout: ddp.Plan):
    """Turn the workers' messages into events until every rank is done; fail fast when one dies or hangs.
    Returns (final weights per dtype, step timings, {"test_acc": last, "max_rank_diff": largest seen})."""
    p: Params = ctx.params
    seen = {"max_rank_diff": 0.0}
    trained: dict[str, tuple] = {}
    timing: list = []
    shards: dict[int, tuple[int, int]] = {}
    done: set[int] = set()
    heard_at, started = time.monotonic(), False
    while len(done) < workers.world_size:
        if ctx.stopped:
            workers.stop.set()
        try:
            message = workers.queue.get(timeout=0.2)
        except queue_module.Empty:
            silent = time.monotonic() - heard_at
            ended = workers.ended(done)
            if ended and ctx.stopped:  # stopping anyway: whatever ended them, the run stops as asked
                break
            if ended:
                raise ExerciseFailed(_died(ended, "")) from None
            if silent > (p.worker_timeout if started else max(START_TIMEOUT_S, p.worker_timeout)):
                raise ExerciseFailed(
                    _("The workers sent nothing for {seconds:.0f} s: a rank hung{fault}. In data parallelism every "
                      "rank waits for all the others at each all-reduce, so one stuck rank stops them all; real "
                      "jobs set a timeout on the process group for this. All processes were ended.").format(
                          seconds=silent, fault=" (fault=hang)" if p.fault == "hang" else "")) from None
            continue
        heard_at, started = time.monotonic(), True
        kind = message[0]
        if kind == "error":
            raise ExerciseFailed(_died([message[1]], message[2]))
        if kind == "shard":
            shards[message[1]] = message[2:]
            if len(shards) == workers.world_size:
                yield _shard_table(shards, p, layout)
        elif kind == "step":
            _kind, step, loss, diff = message
            ctx.step(step - ctx.steps)
            seen["max_rank_diff"] = max(seen["max_rank_diff"], diff)
            yield ctx.report({"loss": loss, "rank_param_diff": diff})
        elif kind == "epoch":
            seen["test_acc"] = message[2]["test_acc"]
            seen["max_rank_diff"] = max(seen["max_rank_diff"], message[2]["max_rank_diff"])
            yield Epoch(message[1], message[2])
        elif kind == "trained":
            trained[message[1]] = message[2:]
            if message[1] == "float32":  # the steps after the last report count too
                ctx.step(message[3] - ctx.steps)
        elif kind == "timing":
            timing = message[1]
        elif kind == "done":
            done.add(message[1])
    return trained, timing, seen


def _died(ranks: list[int], why: str) -> str:
    which = ", ".join(_("rank {rank}").format(rank=r) for r in ranks)
    died = (_("Worker {which} died: {why}.").format(which=which, why=why) if why else
            _("Worker {which} died.").format(which=which))
    return _("{died} The other ranks were left waiting at the next all-reduce (a data-parallel step needs every "
             "rank), so all processes were ended. Fix the cause and run again; in real jobs torchrun can restart "
             "the whole group (--max-restarts).").format(died=died)


def _shard_table(shards: dict[int, tuple[int, int]], p: Params, layout: ddp.Plan) -> Sample:
    rows = [[rank, examples, batches, p.batch_size] for rank, (examples, batches) in sorted(shards.items())]
    return Sample("table", {"title": _("each rank's shard of the {n:,} training digits").format(n=TRAIN_EXAMPLES),
                            "columns": [_("rank"), _("examples per epoch"), _("batches per epoch"), _("batch")],
                            "rows": rows,
                            "note": _("backend: {backend}. {dealt}").format(backend=layout.note, dealt=_dealt(p))})


def _dealt(p: Params) -> str:
    if p.world_size == 1:
        return _("With one rank, DistributedSampler gives it the whole shuffled epoch; DDP still runs its "
                 "all-reduce, over a group of one.")
    padded = -(-TRAIN_EXAMPLES // p.world_size) * p.world_size - TRAIN_EXAMPLES
    together = p.batch_size * p.world_size
    if not padded:
        return _("DistributedSampler deals every rank a different 1/{ranks} of each epoch's shuffle; together one "
                 "step sees {together} examples.").format(ranks=p.world_size, together=together)
    return ngettext("DistributedSampler deals every rank a different 1/{ranks} of each epoch's shuffle (padded "
                    "with {padded} repeated example so that the shards are equal); together one step sees "
                    "{together} examples.",
                    "DistributedSampler deals every rank a different 1/{ranks} of each epoch's shuffle (padded "
                    "with {padded} repeated examples so that the shards are equal); together one step sees "
                    "{together} examples.", padded).format(ranks=p.world_size, padded=padded, together=together)


def ddp_speed_key(world_size: int) -> str:
    """The metric with DDP's training steps/s; "steps_per_s/1_process" is the one process without DDP."""
    return f"steps_per_s/{world_size}_processes" if world_size > 1 else "steps_per_s/1_process_with_ddp"


def _compare(ctx: Context, cfg: dict, trained: dict[str, tuple]):
    """DDP's final weights against one process trained on the joined batches, in float32 and float64."""
    p: Params = ctx.params
    metrics: dict[str, float] = {}
    rows = []
    for dtype_name in ("float32", "float64"):
        ddp_weights, ddp_steps, ddp_seconds = trained[dtype_name]
        single, steps, seconds = ddp.reference_run(cfg, dtype_name)
        diff = max((torch.from_numpy(ddp_weights[name]) - single[name]).abs().max().item() for name in single)
        metrics[f"ddp_vs_single/{dtype_name}"] = diff
        if dtype_name == "float32":
            metrics["steps_per_s/1_process"] = round(steps / seconds, 1) if seconds else 0.0
            metrics[ddp_speed_key(p.world_size)] = round(ddp_steps / ddp_seconds, 1) if ddp_seconds else 0.0
        rows.append([dtype_name, f"{diff:.1e}", f"{(1e-5 if dtype_name == 'float32' else 1e-12):g}"])
    yield Sample("table", {"title": _("DDP vs one process on the joined batches (largest weight difference)"),
                           "columns": [_("precision"), _("difference"), _("allowed")], "rows": rows,
                           "note": _("The same maths in a different order: DDP sums the ranks' gradients, one "
                                     "process sums over the joined batch, and float addition rounds differently in "
                                     "each order.")},
                 ctx.steps)
    return metrics


def _show_timing(timing: list, p: Params):
    """The all-reduce's share of a step at each batch size per rank; the metrics quote the run's own batch."""
    if not timing:
        return {}
    yield Sample("table", {"title": _("one training step per rank: the compute and the gradient all-reduce"),
                           "columns": [_("batch per rank"), _("compute ms"), _("all-reduce ms"),
                                       _("all-reduce share")],
                           "rows": [[b, c, a, f"{s:.0%}"] for b, c, a, s in timing],
                           "note": _("The all-reduce moves the same bytes (one gradient per weight) whatever the "
                                     "batch; the compute grows with the batch. The more each rank computes per step, "
                                     "the smaller the share of time spent talking.")})
    own = next(row for row in timing if row[0] == p.batch_size)
    return {"allreduce_share": own[3], "step_ms/compute": own[1], "step_ms/allreduce": own[2],
            "allreduce_share/largest_batch": timing[-1][3]}


EXERCISE = Exercise(
    id="distributed",
    title=N_("Data parallelism with DistributedDataParallel on two processes"),
    target=TARGET,
    Params=Params,
    train=train,
    describe=describe,
    total_steps=total_steps,
    goals=GOALS,
)
