"""How quickly the app answers: time to first screen, and key-press latency while a lab run trains.

    python benchmarks/tui.py [--runs 5] [--seconds 6] [--exercise concepts] [--only app|lab]

1. First screen: a fresh `python` process does what `dltutor` alone does (dltutor.launch: the
   cached outline of the course, no Typer, no pydantic; the course loads after the first screen), and
   paints the roadmap headless (Textual's test driver, 100×30). Reported: the process's wall
   time from launch to the painted roadmap, and whether torch had been imported by then (it
   must not be). Goal: ≤ 0.5 s on 2 cores.
2. While training: the lab runs the lesson's real exercise (default hyperparameters, many
   epochs) while the benchmark presses keys that switch tabs (loss ↔ metrics chart); each
   latency is the time from the key event to the screen's next refresh with the new tab shown. The same presses with no
   run give the baseline. Also reported: chart redraws per second (throttled to ≤ 4) and the
   run's steps/s with the app watching vs the same run with nobody watching (a bare loop in
   this process, measured before and after the app, averaged). Goal: ratios ≥ 0.95 watched,
   ≥ 0.90 while keys are pressed.
3. Lab first open: a fresh app opens the lab at once (cold: PyTorch still loading) and, in
   another fresh app, after the learner has looked at the roadmap for a while (the training
   process starts once the first screen is up). Time from asking to the form being shown.
4. Quit mid-run: a fresh app process trains, then gets q (or Ctrl+Q); the time from the key to
   the process being gone, and whether the run was saved as stopped. Goal: ≤ 0.5 s.

3. Reading and leaving (`--only app`): the same first-screen child run with a bare Textual app
   (Header, a Static, Footer) in the same run, so the ratio survives a noisy machine; Enter on a
   roadmap row → the lesson's first screen of text painted (and whether anything on it moves in the
   next second: the contents panel, the place, the text); `q` / Ctrl+Q → the app has exited, from
   the roadmap, a lesson and a quiz question.

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
from dltutor.launch import course_source
from dltutor.tui.app import TutorApp
async def main():
    source = course_source()  # what `dltutor` alone does (dltutor.launch), in the test driver
    if source.outline is None:  # no current cached outline: the course is loaded before the app starts
        source.load()
    app = TutorApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#lessons").row_count > 0
        print("PAINTED", "torch" in sys.modules, flush=True)
asyncio.run(main())
"""




BARE_SCREEN = r"""
import sys, time, asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare")
        yield Footer()
async def main():
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("PAINTED", "torch" in sys.modules, flush=True)
asyncio.run(main())
"""


def first_screen(runs: int, home: str, script: str = FIRST_SCREEN) -> tuple[list[float], bool]:
    times, torch_seen = [], False
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT, env={**os.environ, "DLTUTOR_HOME": home})
        line = proc.stdout.readline()
        painted = time.perf_counter() - start
        proc.wait()
        if not line.startswith("PAINTED"):
            raise SystemExit(f"first-screen child failed (exit {proc.returncode})")
        torch_seen |= line.split()[1] == "True"
        times.append(painted)
    return times, torch_seen


def _lab_keys() -> dict[str, str]:
    """The lab's keys for start, stop and the two chart tabs (F-keys now; digits and s/x before issue 12)."""
    from dltutor.tui.screens.lab import LabScreen

    keys: dict[str, str] = {}
    for binding in LabScreen.BINDINGS:  # the first key bound to an action is the one the footer shows
        keys.setdefault(binding.action, binding.key)
    return {"start": keys.get("start", "s"), "stop": keys.get("stop", "x"),
            "loss": keys.get("tab('loss')"), "metrics": keys.get("tab('metrics')")}


TAB_KEYS: dict[str, str] = {}


def _key(key: str):
    from textual import events

    return events.Key(key, key if len(key) == 1 else None)


LAB_SCRIPT = r"""
import asyncio, inspect, json, sys, time
from dltutor.cli.app import load_course_or_exit
from dltutor.tui.app import TutorApp
from dltutor.tui.screens.lab import LabScreen
EXERCISE, MODE, WAIT, KEY = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
keys = {}
for b in LabScreen.BINDINGS:
    keys.setdefault(b.action, b.key)
warm = {"warm_lab": True} if "warm_lab" in inspect.signature(TutorApp).parameters else {}

async def main():
    app = TutorApp(load_course_or_exit(), **warm)
    async with app.run_test(size=(100, 30)) as pilot:
        lesson = next(l for l in app.course.lessons if l.meta.exercise == EXERCISE)
        await pilot.pause(WAIT)  # the learner looks at the roadmap
        asked = time.perf_counter()
        app.open_lab(lesson.id)
        while not app.screen.query("#params"):
            await pilot.pause(0.01)
        opened = time.perf_counter() - asked
        if MODE == "open":
            print("OPENED", opened, flush=True)
            await pilot.press("ctrl+q")
        else:
            lab = app.screen
            lab.query_one("#param-epochs").value = "1000000"
            await pilot.press(keys.get("start", "s"))
            while lab.last_step is None:
                await pilot.pause(0.05)
            await pilot.pause(1.0)
            print("QUIT", time.time(), flush=True)
            await pilot.press(KEY)
    getattr(app, "release", lambda: None)()  # what run_app does after the app exits
asyncio.run(main())
from dltutor.tui.app import run_app
if "exit_process" in inspect.signature(run_app).parameters:  # as the CLI's run_app(..., exit_process=True)
    import os
    sys.stdout.flush()
    os._exit(0)
"""


def _lab_process(home: str, exercise: str, mode: str, wait_s: float, key: str = "q") -> tuple[str, float]:
    proc = subprocess.Popen([sys.executable, "-c", LAB_SCRIPT, exercise, mode, str(wait_s), key],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "DLTUTOR_HOME": home})
    line = proc.stdout.readline().split()
    if not line:
        proc.wait()
        raise SystemExit(f"lab child failed (exit {proc.returncode})")
    proc.wait()
    gone = time.time()
    return line[0], (gone - float(line[1])) if line[0] == "QUIT" else float(line[1])


def lab_first_open(runs: int, home: str, exercise: str, idle_s: float) -> tuple[list[float], list[float]]:
    """Ask → form shown, in a fresh app: at once (PyTorch still loading), and after `idle_s` on the roadmap."""
    cold = [_lab_process(home, exercise, "open", 0.0)[1] for _ in range(runs)]
    warm = [_lab_process(home, exercise, "open", idle_s)[1] for _ in range(runs)]
    return cold, warm


def quit_mid_run(runs: int, home: str, exercise: str) -> tuple[dict[str, list[float]], list[str]]:
    """q and Ctrl+Q mid-run: key → the app's process is gone; and whether each run was saved, not as met."""
    from dltutor.progress import open_store

    def saved_runs() -> list[dict]:
        store = open_store()
        try:
            return [r for lesson in store.overview().values() for r in lesson["runs"]]
        finally:
            store.close()

    by_key: dict[str, list[float]] = {"q": [], "ctrl+q": []}
    saved = []
    for _ in range(runs):
        for key, times in by_key.items():
            before = len(saved_runs())
            times.append(_lab_process(home, exercise, "quit", 0.0, key)[1])
            after = saved_runs()
            saved.append("saved, not met" if len(after) == before + 1 and not after[-1]["target_met"]
                         else f"{len(after) - before} saved")
    return by_key, saved


def spread(values: list[float], unit: str = "ms", scale: float = 1000) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    return (f"median {statistics.median(values) * scale:.0f} {unit} (min {values[0] * scale:.0f}, "
            f"p90 {p90 * scale:.0f}, max {values[-1] * scale:.0f}, n={len(values)})")


async def latencies(pilot, presses: int) -> list[float]:
    """Key event posted → handler ran → the screen's next refresh done (not counting the tab underline's
    slide animation, which plays on after the new tab is already shown)."""
    from textual.widgets import TabbedContent

    app = pilot.app
    out = []
    tabs = app.screen.query_one(TabbedContent)
    for i in range(presses):  # noqa: B007
        key, want = (TAB_KEYS["metrics"], "metrics") if i % 2 == 0 else (TAB_KEYS["loss"], "loss")
        painted = asyncio.Event()
        start = time.perf_counter()
        app.post_message(_key(key))
        while tabs.active != want:
            await asyncio.sleep(0.001)
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        out.append(time.perf_counter() - start)
        await asyncio.sleep(0.15)  # a person's pace, not a flood
    return out


async def while_training(exercise_id: str, seconds: float) -> dict:
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
        await pilot.press(TAB_KEYS["start"])
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
        app.post_message(_key(TAB_KEYS["stop"]))
        while lab.running:
            await asyncio.sleep(0.005)
        stop_s = time.perf_counter() - stop_at
    if hasattr(app, "release"):
        app.release()
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


# Reading and leaving (h12a): separate functions so the lab's measures above stay independent.

def _longest_lesson(course):
    return max(course.lessons, key=lambda lesson: len(lesson.body))


def _layout_signature(screen) -> tuple:
    """What a reader sees move: the contents panel, the place, the text's left edge and first block."""
    from textual.widgets.markdown import MarkdownBlock

    reader = screen.query_one("#reader")
    blocks = [b for b in screen.query(MarkdownBlock) if b.region.height]
    first = blocks[0].region if blocks else None
    return (screen.query_one("#contents").display, round(reader.scroll_y), reader.region.x, reader.region.width,
            None if first is None else (first.x, first.y))


async def enter_to_lesson(course, size=(100, 30)) -> tuple[float, int]:
    """Seconds from Enter on the roadmap row to the lesson's text painted, and how often the view then moved."""
    from textual import events
    from textual.widgets.markdown import MarkdownBlock

    from dltutor.tui.app import TutorApp
    from dltutor.tui.screens.lesson import LessonScreen

    app = TutorApp(course)
    lesson = _longest_lesson(course)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.query_one("#lessons").move_cursor(row=course.ids.index(lesson.id))
        await pilot.pause()
        painted = asyncio.Event()
        start = time.perf_counter()
        app.post_message(events.Key("enter", "\r"))
        while not (isinstance(app.screen, LessonScreen) and app.screen.query(MarkdownBlock)):
            await asyncio.sleep(0.001)
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        elapsed = time.perf_counter() - start
        seen, moves = _layout_signature(app.screen), 0
        for _ in range(30):  # watch one and a half seconds for a later jump
            await asyncio.sleep(0.05)
            now = _layout_signature(app.screen)
            moves += now != seen
            seen = now
    return elapsed, moves


async def enter_to_bare_screen(text: str, size=(100, 30)) -> float:
    """The same Enter → painted for a bare Textual app pushing a screen of Header, one Static, Footer."""
    from textual import events
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Page(Screen):
        def compose(self):
            yield Header()
            yield Static(text)
            yield Footer()

    class Bare(App):
        BINDINGS = [("enter", "page", "")]

        def compose(self):
            yield Header()
            yield Footer()

        def action_page(self):
            self.push_screen(Page())

    app = Bare()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        painted = asyncio.Event()
        start = time.perf_counter()
        app.post_message(events.Key("enter", "\r"))
        while not isinstance(app.screen, Page):
            await asyncio.sleep(0.001)
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        return time.perf_counter() - start


async def quit_from(course, where: str, key: str) -> float:
    """Seconds from the key to the app having shut down (screens closed, store closed), from the roadmap,
    a lesson or a quiz question."""
    from textual import events

    from dltutor.tui.app import TutorApp

    app = TutorApp(course)
    lesson = _longest_lesson(course)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if where == "lesson":
            app.open_lesson(lesson.id)
        elif where == "quiz":
            app.open_quiz(lesson.id)
        await pilot.pause(0.5)
        start = time.perf_counter()
        app.post_message(events.Key(key, "q" if key == "q" else None))
        while app.is_running:
            await asyncio.sleep(0.001)
    if app._store is not None:
        app._store.close()
    return time.perf_counter() - start


def app_speed(runs: int, home: str) -> None:
    """First screen vs a bare Textual app, Enter → lesson text, and quit latency, each as median and spread."""
    from dltutor.content import load_course
    from dltutor.settings import lessons_dir

    ours, bare = [], []
    first_screen(1, home)  # an earlier start has cached the outline, as on every start but the first
    for _ in range(runs):  # interleaved, so both see the same load
        ours += first_screen(1, home)[0]
        bare += first_screen(1, home, BARE_SCREEN)[0]
    ratios = [o / b for o, b in zip(ours, bare)]
    print(f"first screen, dltutor:      {spread(ours)}")
    print(f"first screen, bare Textual: {spread(bare)}")
    print(f"ratio dltutor / bare: median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, "
          f"max {max(ratios):.2f}); goal ≤ 1.5")
    import tempfile

    cold = []
    for _ in range(max(1, runs // 2)):  # a fresh data folder: no cached outline, the course loads first
        with tempfile.TemporaryDirectory() as fresh:
            cold += first_screen(1, fresh)[0]
    print(f"first screen of the first start (no cached outline yet): {spread(cold)}")
    course = load_course(lessons_dir())
    opened, bare_page = [], []
    first_text = _longest_lesson(course).body[:2000]
    for _ in range(runs):
        opened.append(asyncio.run(enter_to_lesson(course)))
        bare_page.append(asyncio.run(enter_to_bare_screen(first_text)))
    print(f"Enter → lesson text painted ({_longest_lesson(course).id}, 100×30): {spread([t for t, _ in opened])}; "
          f"goal ≤ 150 ms; view moved afterwards in {sum(m > 0 for _, m in opened)} of {runs} opens")
    print(f"Enter → a bare Textual screen painted (same text as one Static): {spread(bare_page)}; ratio "
          f"{statistics.median([t for t, _ in opened]) / statistics.median(bare_page):.2f}")
    for where, key in (("roadmap", "q"), ("lesson", "q"), ("quiz", "ctrl+q")):
        times = [asyncio.run(quit_from(course, where, key)) for _ in range(runs)]
        print(f"{key} → exited, from the {where}: {spread(times)}; goal ≤ 500 ms")


PARTS = ("app", "first", "training", "open", "quit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes for the first-screen time")
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds of training per latency measure")
    parser.add_argument("--exercise", default="concepts", help="exercise to train while pressing keys")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"which measurements, of {', '.join(PARTS)}")
    parser.add_argument("--idle", type=float, default=8.0, help="seconds on the roadmap before the warm lab open")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    TAB_KEYS.update(_lab_keys())

    import tempfile

    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared; numbers are noisy)")
        if "app" in parts:
            app_speed(args.runs, home)
        if "first" in parts:
            times, torch_seen = first_screen(args.runs, home)
            print(f"first screen (process launch → roadmap painted): {spread(times)}; goal ≤ 500 ms")
            print(f"torch imported before the first screen: {'YES (bad)' if torch_seen else 'no'}")
        if "training" in parts:
            training(args.exercise, args.seconds)
        if "open" in parts:
            cold, warm = lab_first_open(max(1, args.runs // 2), home, args.exercise, args.idle)
            print(f"lab first open, at once:               {spread(cold)}")
            print(f"lab first open, after {args.idle:.0f} s on the roadmap: {spread(warm)}")
        if "quit" in parts:
            by_key, saved = quit_mid_run(max(1, args.runs // 2), home, args.exercise)
            for key, times in by_key.items():
                print(f"quit mid-run ({key:6}) → process gone:   {spread(times)}; goal ≤ 500 ms")
            print(f"runs after quitting mid-run: {', '.join(saved)}")


def training(exercise: str, seconds: float) -> None:
    """Speed with nobody watching (before and after the app, averaged) against watching and pressing keys."""
    bare_before = unwatched_steps_per_s(exercise, seconds)
    result = asyncio.run(while_training(exercise, seconds))
    bare = (bare_before + unwatched_steps_per_s(exercise, seconds)) / 2
    print(f"key → screen updated, idle lab:            {spread(result['idle'])}")
    print(f"key → screen updated, while training:      {spread(result['busy'])}")
    print(f"chart redraws while training: {result['redraws_per_s']:.1f}/s (only the chart on screen; ≤ 4/s)")
    print(f"Stop → run ended: {result['stop_s'] * 1000:.0f} ms")
    print(f"training speed ({exercise}): {bare:.0f} steps/s with nobody watching (mean of before and after); "
          f"in the app {result['steps_watched']:.0f} steps/s while only watching "
          f"(ratio {result['steps_watched'] / bare:.2f}; goal ≥ 0.95), {result['steps_pressing']:.0f} steps/s "
          f"while keys are pressed 5 times a second (ratio {result['steps_pressing'] / bare:.2f}; goal ≥ 0.90)")


if __name__ == "__main__":
    main()
