"""How quickly the app answers: time to first screen, and key-press latency while a lab run trains.

    python benchmarks/tui.py [--runs 5] [--seconds 6] [--exercise concepts]

1. First screen: a fresh `python` process imports the CLI and the app, loads the course, and
   paints the roadmap headless (Textual's test driver, 100×30). Reported: the process's wall
   time from launch to the painted roadmap, and whether torch had been imported by then (it
   must not be). Goal: ≤ 0.5 s on 2 cores.
2. While training: the lab runs the lesson's real exercise (default hyperparameters, many
   epochs) while the benchmark presses keys that switch tabs (loss ↔ metrics chart); each
   latency is the time from the key event to the screen's next refresh with the new tab shown. The same presses with no
   run give the baseline. Also reported: chart redraws per second (throttled to ≤ 4) and the
   run's steps/s with the app watching vs the same run with nobody watching.

The machine is shared and noisy: repeat, and read medians with their spread.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_SCREEN = r"""
import sys, time, asyncio
from dltutor.cli.app import load_course_or_exit
from dltutor.tui.app import TutorApp
async def main():
    app = TutorApp(load_course_or_exit())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#lessons").row_count > 0
        print("PAINTED", "torch" in sys.modules, flush=True)
asyncio.run(main())
"""


def first_screen(runs: int, home: str) -> tuple[list[float], bool]:
    times, torch_seen = [], False
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", FIRST_SCREEN], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT, env={**os.environ, "DLTUTOR_HOME": home})
        line = proc.stdout.readline()
        painted = time.perf_counter() - start
        proc.wait()
        if not line.startswith("PAINTED"):
            raise SystemExit(f"first-screen child failed (exit {proc.returncode})")
        torch_seen |= line.split()[1] == "True"
        times.append(painted)
    return times, torch_seen


def spread(values: list[float], unit: str = "ms", scale: float = 1000) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    return (f"median {statistics.median(values) * scale:.0f} {unit} (min {values[0] * scale:.0f}, "
            f"p90 {p90 * scale:.0f}, max {values[-1] * scale:.0f}, n={len(values)})")


async def latencies(pilot, presses: int) -> list[float]:
    """Key event posted → handler ran → the screen's next refresh done (not counting the tab underline's
    slide animation, which plays on after the new tab is already shown)."""
    from textual import events
    from textual.widgets import TabbedContent

    app = pilot.app
    out = []
    tabs = app.screen.query_one(TabbedContent)
    for i in range(presses):
        key, want = ("2", "metrics") if i % 2 == 0 else ("1", "loss")
        painted = asyncio.Event()
        start = time.perf_counter()
        app.post_message(events.Key(key, key))
        while tabs.active != want:
            await asyncio.sleep(0.001)
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        out.append(time.perf_counter() - start)
        await asyncio.sleep(0.15)  # a person's pace, not a flood
    return out


async def while_training(exercise_id: str, seconds: float) -> dict:
    from textual import events

    from dltutor.content import load_course
    from dltutor.settings import lessons_dir
    from dltutor.tui.app import TutorApp
    from dltutor.tui.widgets.run_chart import RunChart

    course = load_course(lessons_dir())
    lesson = next(l for l in course.lessons if l.meta.exercise == exercise_id)
    redraws = []
    original = RunChart.replot

    def counted(self):
        redraws.append(time.perf_counter())
        original(self)

    RunChart.replot = counted
    app = TutorApp(course)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lab(lesson.id)
        while not app.screen.query("#params"):
            await pilot.pause(0.05)
        lab = app.screen
        idle = await latencies(pilot, 20)
        lab.query_one("#param-epochs").value = "1000000"
        await pilot.press("s")
        while lab.last_step is None:
            await pilot.pause(0.05)
        first_step, redraws[:] = lab.last_step, []
        t0 = time.perf_counter()
        await asyncio.sleep(seconds)  # only watching: the cost of the live charts themselves
        watched_s = time.perf_counter() - t0
        steps_watched = (lab.last_step.step - first_step.step) / watched_s
        charts_per_s = len(redraws) / watched_s
        first_step, t0 = lab.last_step, time.perf_counter()
        busy = await latencies(pilot, max(10, int(seconds / 0.2)))
        steps_pressing = (lab.last_step.step - first_step.step) / (time.perf_counter() - t0)
        stop_at = time.perf_counter()
        app.post_message(events.Key("x", "x"))
        while lab.running:
            await asyncio.sleep(0.005)
        stop_s = time.perf_counter() - stop_at
    RunChart.replot = original
    return {"idle": idle, "busy": busy, "redraws_per_s": charts_per_s, "steps_watched": steps_watched,
            "steps_pressing": steps_pressing, "stop_s": stop_s, "lesson": lesson.id}


def unwatched_steps_per_s(exercise_id: str, seconds: float) -> float:
    """The same run consumed by a bare loop (no UI), measured over the same stretch of training."""
    from dltutor.lab.exercise import run
    from dltutor.lab.registry import get_exercise

    exercise = get_exercise(exercise_id)
    stop = threading.Event()
    first = last = None
    t0 = None
    for event in run(exercise, {"epochs": 1000000}, stop=stop):
        if event.event == "step":
            if first is None:
                first, t0 = event.step, time.perf_counter()
            last = event.step
            if time.perf_counter() - t0 > seconds:
                stop.set()
    return (last - first) / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes for the first-screen time")
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds of training per latency measure")
    parser.add_argument("--exercise", default="concepts", help="exercise to train while pressing keys")
    args = parser.parse_args()

    import tempfile

    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared; numbers are noisy)")
        times, torch_seen = first_screen(args.runs, home)
        print(f"first screen (process launch → roadmap painted): {spread(times)}; goal ≤ 500 ms")
        print(f"torch imported before the first screen: {'YES (bad)' if torch_seen else 'no'}")
        result = asyncio.run(while_training(args.exercise, args.seconds))
        print(f"key → screen updated, idle lab:            {spread(result['idle'])}")
        print(f"key → screen updated, while training:      {spread(result['busy'])}")
        print(f"chart redraws while training: {result['redraws_per_s']:.1f}/s (only the chart on screen; ≤ 4/s)")
        print(f"Stop → run ended: {result['stop_s'] * 1000:.0f} ms")
        bare = unwatched_steps_per_s(args.exercise, args.seconds)
        print(f"training speed ({args.exercise}): {bare:.0f} steps/s with nobody watching; in the app "
              f"{result['steps_watched']:.0f} steps/s while only watching (ratio {result['steps_watched'] / bare:.2f}), "
              f"{result['steps_pressing']:.0f} steps/s while keys are pressed 5 times a second "
              f"(ratio {result['steps_pressing'] / bare:.2f})")

if __name__ == "__main__":
    main()
