"""Data-parallel training with torch.distributed: what runs inside each worker process (rank).

Every rank joins one process group (gloo on CPU, NCCL on NVIDIA GPUs), builds the same MLP from the same
seed, wraps it in DistributedDataParallel (DDP) and trains on its own shard of the data (DistributedSampler).
During backward, DDP all-reduces the gradients, so every rank applies the same averaged gradient and the
replicas stay identical. Workers talk to the parent only through a queue of plain tuples (see `Message`),
so the parent never needs the process group itself.

Sources: PyTorch docs "Getting Started with Distributed Data Parallel" and torch.distributed
(https://pytorch.org/docs/stable/distributed.html); Li et al., "PyTorch Distributed", VLDB 2020.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

from dltutor.i18n import _, ngettext
from dltutor.lab.data import digits, stratified_split
from dltutor.lab.nets import mlp
from dltutor.lab.worker import speak_parents_language

DTYPES = {"float32": torch.float32, "float64": torch.float64}

# What a worker puts on the queue (rank 0 reports for everyone unless the tuple names a rank):
#   ("shard", rank, examples_per_epoch, batches_per_epoch)
#   ("step", step, mean_loss, largest_param_difference_between_ranks)
#   ("epoch", epoch, {"test_acc": …, "max_rank_diff": …})
#   ("trained", dtype_name, {param name: numpy array}, steps, seconds)
#   ("timing", [[batch per rank, compute ms, all-reduce ms, share], …])
#   ("done", rank)            ("error", rank, one-line text)
Message = tuple


@dataclass(frozen=True)
class Plan:
    """How the run is laid out: the backend, where each rank computes, and a note for the learner."""

    backend: str  # "gloo" or "nccl"
    device_type: str  # "cpu" or "cuda"
    note: str


def plan(device_type: str, gpu_count: int, world_size: int, asked: bool) -> Plan:
    """gloo on CPU; NCCL with one process per GPU when there are enough GPUs.

    NCCL cannot put two ranks on one GPU, so with too few GPUs an explicit `--device cuda` is refused
    (ValueError with what to do) and an automatic choice falls back to gloo on the CPU, saying so.
    """
    if device_type == "cuda":
        if gpu_count >= world_size:
            return Plan("nccl", "cuda", _("NCCL, one process per GPU (cuda:0 … cuda:{last})").format(
                last=world_size - 1))
        why = ngettext("NCCL needs one GPU per process: {processes} processes, {gpus} GPU",
                       "NCCL needs one GPU per process: {processes} processes, {gpus} GPUs",
                       gpu_count).format(processes=world_size, gpus=gpu_count)
        if asked:
            raise ValueError(_("{why}; use --device cpu (gloo) or --set world_size={size}").format(
                why=why, size=max(gpu_count, 1)))
        return Plan("gloo", "cpu", _("gloo on the CPU ({why})").format(why=why))
    if device_type == "mps":
        if asked:
            raise ValueError(_("torch.distributed has no backend for Apple MPS; use --device cpu (gloo)"))
        return Plan("gloo", "cpu", _("gloo on the CPU (torch.distributed has no MPS backend)"))
    return Plan("gloo", "cpu", _("gloo on the CPU, one process per rank"))


def backend_spec(backend: str) -> str:
    """What init_process_group gets. NCCL only moves CUDA tensors, but the ranks also exchange small CPU
    tensors (stop flags, the rank comparison, the mean loss); "cpu:gloo,cuda:nccl" sends those over gloo and
    the gradients over NCCL."""
    return "cpu:gloo,cuda:nccl" if backend == "nccl" else backend


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def split_digits(seed: int, dtype: torch.dtype) -> tuple[TensorDataset, TensorDataset]:
    """The 1,797 digits as flat 64-pixel rows, split 80/20 by class (1,438 train, 359 test)."""
    x, y = digits()
    x = x.flatten(1).to(dtype)
    train_idx, test_idx = stratified_split(y, (0.8, 0.2), seed=seed)
    return TensorDataset(x[train_idx], y[train_idx]), TensorDataset(x[test_idx], y[test_idx])


def build_model(cfg: dict[str, Any], dtype: torch.dtype) -> torch.nn.Module:
    """The same initial weights in every process: the seed is set right before the layers are made."""
    torch.manual_seed(cfg["seed"])
    return mlp([64, cfg["hidden"], 10]).to(dtype)


def shard_indices(train_set: TensorDataset, cfg: dict[str, Any], rank: int, epoch: int) -> list[int]:
    """The example indices rank `rank` trains on in `epoch`, in order: exactly what its DataLoader sees."""
    sampler = DistributedSampler(train_set, num_replicas=cfg["world_size"], rank=rank, shuffle=True,
                                 seed=cfg["seed"])
    sampler.set_epoch(epoch)
    return list(sampler)


def worker(rank: int, cfg: dict[str, Any], queue, stop) -> None:
    """The body of one rank (torch.multiprocessing.start_processes calls it with the rank first).

    Ctrl-C in a terminal reaches every process of the foreground group, workers included; a worker that died
    of it would look like a crash to the parent. So workers ignore SIGINT: the parent owns Ctrl-C and stops
    them through `stop`, which they check (together with whether the parent still lives) after every epoch.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    speak_parents_language()  # a spawned interpreter: its error texts reach the learner too
    status = 0
    try:
        torch.set_num_threads(cfg["threads"])
        dist.init_process_group(backend_spec(cfg["backend"]), init_method=f"tcp://127.0.0.1:{cfg['port']}",
                                rank=rank, world_size=cfg["world_size"], timeout=timedelta(seconds=cfg["timeout_s"]))
        device = torch.device("cuda", rank) if cfg["device_type"] == "cuda" else torch.device("cpu")
        if device.type == "cuda":
            torch.cuda.set_device(device)
        for dtype_name in ("float32", "float64"):
            _fit(rank, cfg, dtype_name, device, queue, stop, report=dtype_name == "float32")
            if _agree(stop.is_set()):
                break
        else:
            _time_steps(rank, cfg, device, queue, stop)
        queue.put(("done", rank))
    except Exception as exc:  # the parent turns this into the run's Failed event (no traceback to print)
        queue.put(("error", rank, f"{type(exc).__name__}: {exc}".splitlines()[0]))
        status = 1
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    # Leave at once: the interpreter's own teardown with torch loaded takes 1–3 s on a busy CPU, which the
    # parent would wait for (or end with SIGKILL), and after a failed peer it can print C++ noise
    # ("terminate called …"). Flush this rank's messages first, unless the parent is gone: then nobody reads
    # the queue, and waiting for it to drain would wait forever.
    if os.getppid() == cfg["parent_pid"]:
        queue.close()
        queue.join_thread()
    os._exit(status)


def _agree(flag: bool) -> bool:
    """True on every rank if it is True on any: ranks must leave their loops at the same step, or the
    ones still training would wait forever in an all-reduce."""
    t = torch.tensor([float(flag)])
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item())


def _largest_rank_difference(model: torch.nn.Module) -> float:
    """max over all parameters of (largest value on any rank − smallest on any rank): 0 means identical."""
    flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()]).double().cpu()
    both = torch.cat([flat, -flat])  # one all-reduce gives the maximum and (negated) the minimum
    dist.all_reduce(both, op=dist.ReduceOp.MAX)
    high, low = both[:len(flat)], -both[len(flat):]
    return (high - low).max().item()


def _fit(rank, cfg, dtype_name, device, queue, stop, report: bool) -> None:
    dtype = DTYPES[dtype_name]
    train_set, test_set = split_digits(cfg["seed"], dtype)
    model = build_model(cfg, dtype).to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    opt = torch.optim.SGD(ddp.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    sampler = DistributedSampler(train_set, num_replicas=cfg["world_size"], rank=rank, shuffle=True,
                                 seed=cfg["seed"])
    loader = DataLoader(train_set, batch_size=cfg["batch_size"], sampler=sampler)
    if report:
        queue.put(("shard", rank, len(sampler), len(loader)))
    x_test, y_test = (t.to(device) for t in test_set.tensors)
    step, seconds, diff = 0, 0.0, 0.0
    for epoch in range(cfg["epochs"]):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on every rank
        started = time.perf_counter()
        for xb, yb in loader:
            loss = F.cross_entropy(ddp(xb.to(device)), yb.to(device))
            opt.zero_grad(set_to_none=True)
            loss.backward()  # DDP all-reduces (averages) the gradients here, bucket by bucket
            opt.step()
            step += 1
            if cfg["fault"] != "none" and rank == cfg["world_size"] - 1 and step == 5:
                _misbehave(cfg["fault"])
            if report and step % cfg["report_every"] == 0:
                seconds += time.perf_counter() - started
                diff = _largest_rank_difference(model)
                mean = loss.detach().clone().double().cpu()
                dist.all_reduce(mean)
                if rank == 0:
                    queue.put(("step", step, mean.item() / cfg["world_size"], diff))
                started = time.perf_counter()
        seconds += time.perf_counter() - started
        stopping = _agree(stop.is_set() or os.getppid() != cfg["parent_pid"])  # an orphan stops too
        if report:
            diff = _largest_rank_difference(model)
            with torch.no_grad():
                acc = (model(x_test).argmax(1) == y_test).double().mean().item()
            if rank == 0:
                queue.put(("epoch", epoch + 1, {"test_acc": round(acc, 4), "max_rank_diff": diff}))
        if stopping:
            break
    if rank == 0:
        weights = {name: t.detach().cpu().numpy() for name, t in model.state_dict().items()}
        queue.put(("trained", dtype_name, weights, step, seconds))


def _misbehave(fault: str) -> None:
    """The `fault` knob: what the others see when one rank dies or hangs mid-training."""
    if fault == "crash":
        raise RuntimeError(_("rank crashed on purpose (fault=crash)"))
    while True:  # fault=hang: never reaches the next all-reduce
        time.sleep(1)


def _time_steps(rank: int, cfg: dict[str, Any], device: torch.device, queue, stop) -> None:
    """Time a training step's compute and the gradient all-reduce apart, for several batch sizes per rank.

    Compute: forward and backward under `ddp.no_sync()`, which skips DDP's all-reduce. All-reduce: one
    `dist.all_reduce` of a flat tensor as large as all the gradients, which is what DDP sends (this model's
    9,610 gradients fit in one bucket). Timing the two apart, rather than subtracting a step without the
    all-reduce from one with it, keeps the all-reduce visible when the compute is large and noisy. Time
    spent waiting for a slower rank is left out (every block starts at a barrier): on a busy machine that
    wait grows with the compute and would hide what the lesson shows, that the transfer itself does not.
    The weights are not updated here (no optimizer step): this only measures.
    """
    model = build_model(cfg, torch.float32).to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    flat = torch.zeros(sum(p.numel() for p in model.parameters()), device=device)
    rows = []
    for batch in cfg["timing_batches"]:
        if _agree(stop.is_set()):  # a row takes up to a few seconds: stop between rows, all ranks together
            return
        xb = torch.randn(batch, 64, device=device)
        yb = torch.randint(0, 10, (batch,), device=device)

        def compute() -> None:
            with ddp.no_sync():
                F.cross_entropy(ddp(xb), yb).backward()
            ddp.zero_grad(set_to_none=True)

        def all_reduce() -> None:
            dist.all_reduce(flat)

        def ms(work, n: int) -> float:
            """ms per call over n calls; every rank starts together and runs the same n (collectives pair up)."""
            dist.barrier()
            start = time.perf_counter()
            for _call in range(n):
                work()
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            return (time.perf_counter() - start) / n * 1000

        ms(compute, 3), ms(all_reduce, 3)  # warm up both (allocations, the first all-reduce)
        # Enough steps for a block of about 20 ms, the same count on every rank (rank 0's estimate).
        n = torch.tensor([max(cfg["timing_steps"], int(20 / max(ms(compute, 3), 1e-3)))])
        dist.broadcast(n, src=0)
        # Alternate the two measurements, five pairs, so a noisy neighbour slows both alike; take medians.
        pairs = [(ms(compute, int(n)), ms(all_reduce, int(n))) for _round in range(5)]
        alone, comm = (sorted(column)[2] for column in zip(*pairs))
        rows.append([batch, round(alone, 3), round(comm, 3), round(comm / (alone + comm), 3)])
    if rank == 0:
        queue.put(("timing", rows))


def reference_run(cfg: dict[str, Any], dtype_name: str) -> tuple[dict[str, torch.Tensor], int, float]:
    """One process, no torch.distributed: the same model, seed and optimizer, trained on the JOINED batches
    (rank 0's batch and rank 1's batch together at each step). DDP must end with the same weights up to
    rounding: averaging the ranks' mean gradients equals the mean gradient of the joined batch when every
    rank's batch has the same size, which DistributedSampler guarantees by padding. Returns (weights,
    steps, seconds)."""
    dtype = DTYPES[dtype_name]
    train_set, _test = split_digits(cfg["seed"], dtype)
    model = build_model(cfg, dtype)
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    b, step, seconds = cfg["batch_size"], 0, 0.0
    for epoch in range(cfg["epochs"]):
        shards = [shard_indices(train_set, cfg, r, epoch) for r in range(cfg["world_size"])]
        joined = [[k for shard in shards for k in shard[i:i + b]] for i in range(0, len(shards[0]), b)]
        # The same DataLoader machinery as the ranks use, so that the steps/s comparison is fair.
        loader = DataLoader(train_set, batch_sampler=joined)
        started = time.perf_counter()
        for xb, yb in loader:
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
        seconds += time.perf_counter() - started
    return {name: t.detach() for name, t in model.state_dict().items()}, step, seconds
