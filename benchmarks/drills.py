"""Benchmark: how fast a learner sees a drill's result.

    python benchmarks/drills.py [--saves 15] [--starts 5]

Measures, in one run on this machine (so the ratios compare like with like):
- bare baseline: a fork+exec of `python -c pass`, and of `python -c "import torch"` (what
  one check would cost if every check started a fresh interpreter: the spawn fallback);
- one check on the warm runner (fork of the worker, judge, result back);
- save-to-result latency in `drill watch`: a drill file is saved (alternating a wrong and
  the right solution, so every save is new content) and the time until its result arrives
  from watch_checks(); goal < 1 s;
- `dltutor drill check --all` of every drill (each file holding the reference solution),
  end to end as a new process: start, worker start-up with torch, all checks; goal <= 20 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from dltutor.drills.catalog import load_drills
from dltutor.drills.runner import Runner
from dltutor.drills.watch import watch_checks
from dltutor.drills.workspace import Workspace
from dltutor.settings import drill_bank_dir


def spread(values: list[float]) -> str:
    values = sorted(values)
    return f"{statistics.median(values) * 1000:.0f} ms ({values[0] * 1000:.0f}–{values[-1] * 1000:.0f})"


def bare(code: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return times


def watch_latency(ws: Workspace, drills: list, runner: Runner, saves: int) -> tuple[list[float], list[str]]:
    drill = drills[0]
    path = ws.path_of(drill)
    wrong = drill.wrong_paths[0].read_text(encoding="utf-8") if drill.wrong_paths else "x = 1\n"
    right = drill.solution_path.read_text(encoding="utf-8")
    stop = threading.Event()
    saved_at: list[float] = []
    latencies: list[float] = []
    statuses: list[str] = []
    arrived = threading.Event()

    def saver() -> None:
        time.sleep(1.0)  # the watcher starts
        for i in range(saves):
            arrived.clear()
            text = (right if i % 2 else wrong) + f"# save {i}\n"
            saved_at.append(time.perf_counter())
            path.write_text(text, encoding="utf-8")
            if not arrived.wait(15):
                break
            time.sleep(0.3)
        stop.set()

    threading.Thread(target=saver, daemon=True).start()
    for _, result in watch_checks(ws, drills, runner, stop_event=stop, poll_s=0.2):
        latencies.append(time.perf_counter() - saved_at[-1])
        statuses.append(result["status"])
        arrived.set()
    return latencies, statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    drills = load_drills(bank=drill_bank_dir())
    print(f"{len(drills)} drills; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")

    print(f"bare fork+exec `python -c pass`:          {spread(bare('pass', args.starts))}")
    print(f"bare fork+exec `python -c 'import torch'`: {spread(bare('import torch', args.starts))}")

    with tempfile.TemporaryDirectory() as tmp, Runner() as runner:
        start = time.perf_counter()
        runner.check(drills[0].checks_path, drills[0].solution_path)
        print(f"warm worker start-up (torch import) + first check: {(time.perf_counter() - start) * 1000:.0f} ms")
        one = []
        for _ in range(args.saves):
            start = time.perf_counter()
            runner.check(drills[0].checks_path, drills[0].solution_path)
            one.append(time.perf_counter() - start)
        print(f"one check on the warm worker ({drills[0].id}): {spread(one)}")

        ws, _, _ = Workspace.init(Path(tmp) / "ws", drills)
        latencies, statuses = watch_latency(ws, drills, runner, args.saves)
        print(f"drill watch, save → result ({len(latencies)} saves, {statuses.count('passed')} passed): "
              f"{spread(latencies)}   goal < 1000 ms")

        for drill in drills:
            ws.path_of(drill).write_text(drill.solution_path.read_text(encoding="utf-8"), encoding="utf-8")
        env = {**os.environ, "DLTUTOR_HOME": str(Path(tmp) / "home")}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "dltutor", "drill", "check", "--all", "--json", "-w",
                               str(ws.root)], env=env, capture_output=True, text=True)
        took = time.perf_counter() - start
        import json

        results = json.loads(done.stdout)
        passed = sum(r["status"] == "passed" for r in results)
        child = sum(r["duration_s"] or 0 for r in results)
        slowest = max(results, key=lambda r: r["duration_s"] or 0)
        print(f"`dltutor drill check --all` of {len(results)} drills: {took:.1f} s wall (exit {done.returncode}, "
              f"{passed} passed; checks themselves {child:.1f} s, slowest {slowest['id']} "
              f"{slowest['duration_s']:.2f} s)   goal <= 20 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
