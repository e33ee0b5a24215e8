"""The distributed exercise: real DDP on gloo with two processes, checked against one process; failures end fast
and leave no process behind."""

import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import torch

from dltutor.lab import ddp
from dltutor.lab.exercise import parse_params, run
from dltutor.lab.exercises import distributed
from dltutor.lab.exercises.distributed import Params, _dealt, ddp_speed_key
from dltutor.lab.registry import get_exercise
from tests.lab.stream import check_shape, samples, series

EXERCISE = get_exercise("distributed")
QUICK_TIMING = {"timing_batches": "32, 512", "timing_steps": 5}


def no_workers_left():
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    return multiprocessing.active_children() == []


def test_backend_plan_gloo_on_cpu_nccl_with_one_gpu_per_process():
    assert ddp.plan("cpu", 0, 2, asked=False).backend == "gloo"
    assert ddp.plan("cuda", 4, 2, asked=True) == ddp.Plan("nccl", "cuda", ddp.plan("cuda", 4, 2, True).note)
    assert "cuda:0 … cuda:1" in ddp.plan("cuda", 2, 2, asked=False).note
    fallback = ddp.plan("cuda", 1, 2, asked=False)  # auto-chosen single GPU: gloo on the CPU, said so
    assert fallback.backend == "gloo" and fallback.device_type == "cpu" and "one GPU per process" in fallback.note
    with pytest.raises(ValueError, match="NCCL needs one GPU per process: 2 processes, 1 GPU; use --device cpu"):
        ddp.plan("cuda", 1, 2, asked=True)
    with pytest.raises(ValueError, match="no backend for Apple MPS"):
        ddp.plan("mps", 0, 2, asked=True)


def test_with_nccl_the_small_cpu_tensors_still_have_a_backend(tmp_path):
    """Flags and metrics are CPU tensors, which NCCL cannot move; the spec adds gloo for them. The spec's
    form is checked on a real (CPU-only) group; NCCL itself needs GPUs."""
    assert ddp.backend_spec("nccl") == "cpu:gloo,cuda:nccl" and ddp.backend_spec("gloo") == "gloo"
    dist = torch.distributed
    dist.init_process_group("cpu:gloo", init_method=f"file://{tmp_path}/meeting", rank=0, world_size=1)
    try:
        flag = torch.tensor([1.0])
        dist.all_reduce(flag)
        assert flag.item() == 1.0
    finally:
        dist.destroy_process_group()


@pytest.mark.parametrize("world_size", [1, 2, 3])
def test_shards_are_disjoint_equal_and_cover_the_epoch(world_size):
    train_set, test_set = ddp.split_digits(0, torch.float32)
    assert (len(train_set), len(test_set)) == (1438, 359)
    cfg = {"world_size": world_size, "seed": 0}
    shards = [ddp.shard_indices(train_set, cfg, r, epoch=3) for r in range(world_size)]
    assert len({len(s) for s in shards}) == 1  # equal sizes: averaging rank means = mean of the joined batch
    assert set().union(*shards) == set(range(1438))
    if 1438 % world_size == 0:
        assert sum(map(len, shards)) == 1438  # nothing padded, nothing twice
    assert shards != [ddp.shard_indices(train_set, cfg, r, epoch=4) for r in range(world_size)]  # set_epoch


def test_ddp_keeps_ranks_identical_and_matches_one_process_then_leaves_no_process(monkeypatch):
    ended = []
    end = distributed.Workers.end
    monkeypatch.setattr(distributed.Workers, "end", lambda self: (end(self), ended.append(self.killed)))
    events = list(run(EXERCISE, QUICK_TIMING, "cpu", seed=1))  # defaults otherwise (training itself takes < 1 s)
    assert ended == [[]]  # the ranks left by themselves, at once (no 2 s wait for torch's teardown, no kill)
    finished = check_shape(events, "distributed")
    m = finished.metrics
    assert finished.target_met, finished.missed
    assert m["max_rank_diff"] == 0.0 and max(series(events, "rank_param_diff")) == 0.0
    assert m["ddp_vs_single/float32"] <= 1e-5 and m["ddp_vs_single/float64"] <= 1e-12
    assert m["test_acc"] >= 0.9 and 0 <= m["allreduce_share"] < 1
    assert m["steps_per_s/1_process"] > 0 and m["steps_per_s/2_processes"] > 0
    tables = {s.data["title"]: s.data for s in samples(events, "table")}
    shard = next(t for title, t in tables.items() if "shard" in title)
    assert shard["rows"] == [[0, 719, 23, 32], [1, 719, 23, 32]]
    timing = next(t for title, t in tables.items() if "all-reduce" in title)
    assert [row[0] for row in timing["rows"]] == [32, 512]
    assert finished.steps == 10 * 23
    assert no_workers_left()


@pytest.mark.parametrize("fault,message", [("crash", "Worker rank 1 died: RuntimeError: rank crashed on purpose"),
                                           ("hang", "sent nothing for")])
def test_a_dead_or_hung_rank_fails_within_seconds_and_every_process_is_ended(fault, message):
    start = time.monotonic()
    events = list(run(EXERCISE, {"fault": fault, "worker_timeout": 3, **QUICK_TIMING}, "cpu"))
    assert events[-1].event == "failed" and message in events[-1].reason
    assert time.monotonic() - start < 60  # spawning two interpreters dominates; the fault itself is caught in ~3 s
    assert no_workers_left()


def test_ctrl_c_stops_the_run_and_the_workers_within_seconds():
    """Ctrl-C in a terminal sends SIGINT to the workers too, and the CLI sets the stop flag: the run must end
    as stopped at once, not wait for the hang timeout and blame a hung rank."""
    stop = threading.Event()
    events, stopped_at = [], None
    for event in run(EXERCISE, {"epochs": 200, **QUICK_TIMING}, "cpu", stop=stop):
        events.append(event)
        if event.event == "epoch" and stopped_at is None:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGINT)
            stop.set()
            stopped_at = time.monotonic()
    assert events[-1].event == "finished" and events[-1].stopped and not events[-1].target_met
    assert time.monotonic() - stopped_at < 5  # the worker timeout is 20 s
    assert len([e for e in events if e.event == "epoch"]) <= 3
    assert no_workers_left()


def test_hostile_settings_are_refused_before_any_process_starts():
    for bad in ({"world_size": 64}, {"timing_batches": "0"}, {"timing_batches": "32,99999"},
                {"worker_timeout": 0.001}, {"hidden": 0}, {"timing_batches": "abc"}):
        with pytest.raises(ValueError):
            parse_params(EXERCISE, bad)


def test_the_shard_note_says_when_the_sampler_pads():
    assert "whole shuffled epoch" in _dealt(Params(world_size=1))
    assert "padded" not in _dealt(Params(world_size=2))
    assert "padded with 2 repeated examples" in _dealt(Params(world_size=3))  # 3 × 480 = 1,440 = 1,438 + 2
    assert ddp_speed_key(1) != "steps_per_s/1_process" and ddp_speed_key(2) == "steps_per_s/2_processes"


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process parents from /proc (Linux)")
def test_workers_of_a_killed_parent_stop_by_themselves():
    """kill -9 of dltutor (or a closed terminal) gives the parent no chance to end its workers: they notice that
    their parent is gone at the next epoch and leave, instead of training on for minutes."""
    parent = subprocess.Popen([sys.executable, "-m", "dltutor", "train", "distributed", "--set", "epochs=1000",
                               "--json", "--no-save"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env={**os.environ, "DLTUTOR_HOME": tempfile.mkdtemp()})
    try:
        for line in parent.stdout:
            if '"event": "step"' in line:
                break
        workers = [pid for pid in _children(parent.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(workers) == 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
