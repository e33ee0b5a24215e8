"""Runs learner code apart from dltutor: time limit, memory limit, output captured, nothing left behind.

    with Runner() as runner:                       # starts the warm worker (torch imports meanwhile)
        result = runner.check(drill.checks_path, learner_file)
        for index, result in runner.check_many(tasks, jobs=2): ...

Each task carries the language in use when it was made: the warm worker may have been
started in another one, and the feedback must speak the learner's.

A result is the judge's dict (see judge.py: status passed/failed/error, case,
expected, actual, advice, message, line) with status "timeout" added for code that
ran past the limit, plus "output" (what the code printed, at most 4000 characters)
and "duration_s" (wall-clock seconds of the child).

On Linux the worker (worker.py) imports torch once and forks one child per check:
a check costs milliseconds of start-up instead of seconds. Elsewhere (macOS, where
forking after torch's import is unsafe, and Windows, which cannot fork) every
check spawns a fresh interpreter: slower, equally isolated. Memory limits use
RLIMIT_AS, which only Linux enforces; other platforms get the time limit only.

Never imports learner code here: it runs only in the child processes.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dltutor.i18n import N_, _, language

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_MB = 2048
JUDGE = "dltutor.drills.judge:judge"
STARTUP_TIMEOUT_S = 180.0  # importing torch on a slow, busy machine
FORK = sys.platform.startswith("linux") and hasattr(os, "fork")
MEMORY_LIMITED = sys.platform.startswith("linux")
# Shown translated: _(LIMITS_NOTE) where it is printed (empty on Linux).
LIMITS_NOTE = ("" if MEMORY_LIMITED else
               N_("memory is not limited on this platform (only Linux enforces RLIMIT_AS); the time limit holds"))


class RunnerError(RuntimeError):
    """The worker could not be started or stopped answering (not the learner's fault)."""


@dataclass(frozen=True)
class Task:
    """One check: the drill's hidden checks against one learner file."""

    checks: Path
    learner: Path
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB
    lang: str = field(default_factory=language)  # the language of the feedback (the one in use when made)

    def to_json(self) -> dict:
        # Absolute: the child runs in the learner file's folder.
        return {"checks": str(Path(self.checks).resolve()), "learner": str(Path(self.learner).resolve()),
                "timeout_s": float(self.timeout_s),
                "memory_mb": self.memory_mb, "lang": self.lang}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The child must import this same dltutor (an editable or source checkout included).
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.setdefault("OMP_NUM_THREADS", "1")
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ folders in the learner's workspace
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Runner:
    """A warm worker for running checks; thread-safe (one batch at a time), restartable, closeable.

    judge: "module:function" run in the child (tests use a fake one).
    fork: False forces the spawn fallback (what macOS and Windows get).
    """

    def __init__(self, judge: str = JUDGE, fork: bool | None = None) -> None:
        self.judge = judge
        self.fork = FORK if fork is None else fork
        self._proc: subprocess.Popen | None = None
        self._buffer = b""
        self._lock = threading.Lock()
        self._ready = False

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> Runner:
        """Start the worker now without waiting for it (it imports torch while the caller works)."""
        if self.fork and self._proc is None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "dltutor.drills.worker", self.judge],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=_env(), start_new_session=True)  # own group: terminal Ctrl-C goes to us, we stop it
            self._buffer, self._ready = b"", False
        return self

    def wait_ready(self) -> None:
        """Block until the worker has imported torch (a no-op for the spawn fallback). Raises RunnerError."""
        if not self.fork:
            return
        with self._lock:
            self.start()
            try:
                self._wait_ready()
            except RunnerError:
                self.close()
                raise

    @property
    def worker_pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def close(self) -> None:
        """Stop the worker and every check it runs (closing its stdin makes it kill them and exit)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()
        _kill_group(proc.pid)  # anything the worker's group still holds
        proc.stdout.close()

    def __enter__(self) -> Runner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checking ---------------------------------------------------------------------

    def check(self, checks: Path, learner: Path, timeout_s: float = DEFAULT_TIMEOUT_S,
              memory_mb: int | None = DEFAULT_MEMORY_MB) -> dict:
        """Run one drill's checks against one learner file; the result dict (never raises for learner faults)."""
        return next(self.check_many([Task(Path(checks), Path(learner), timeout_s, memory_mb)]))[1]

    def check_many(self, tasks: list[Task], jobs: int = 1,
                   cancelled: Callable[[], bool] | None = None) -> Iterator[tuple[int, dict]]:
        """(index, result) for each task as it finishes, at most `jobs` children at a time.

        Stopping early (breaking out of the loop, an exception, `cancelled()` turning true)
        kills the running children. Raises RunnerError if the worker cannot be used.
        """
        if not tasks:
            return
        with self._lock:
            if not self.fork:
                for index, task in enumerate(tasks):
                    if cancelled and cancelled():
                        return
                    yield index, self._spawn_one(task)
                return
            yield from self._fork_many(tasks, jobs, cancelled)

    def _fork_many(self, tasks, jobs, cancelled) -> Iterator[tuple[int, dict]]:
        for attempt in (1, 2):
            self.start()
            try:
                # Sent before the worker is ready: it finds the request waiting, so it runs it
                # before warming up for drills that need more of torch (see worker.main).
                self._send({"tasks": [t.to_json() for t in tasks], "jobs": jobs})
                self._wait_ready()
                break
            except RunnerError:
                self.close()
                if attempt == 2:
                    raise
        seen = 0
        finished = False
        slack = 10.0 + 2 * max(t.timeout_s for t in tasks)
        try:
            while True:
                message = self._receive(slack, cancelled)
                if message is None:  # cancelled
                    return
                if message.get("done"):
                    finished = True
                    return
                seen += 1
                yield message["index"], message["result"]
        finally:
            if not finished:
                self._stop_batch()

    def _stop_batch(self) -> None:
        """Ask the worker to kill the running children and drop the rest; restart it if it does not answer."""
        try:
            self._send({"stop": True})
            while True:
                message = self._receive(10.0, None)
                if message.get("done"):
                    return
        except (RunnerError, OSError):
            self.close()

    def _wait_ready(self) -> None:
        if self._ready:
            return
        message = self._receive(STARTUP_TIMEOUT_S, None)
        if not message or not message.get("ready"):
            raise RunnerError(_("the drill worker did not start properly: {message}").format(message=repr(message)))
        self._ready = True

    def _send(self, message: dict) -> None:
        try:
            self._proc.stdin.write((json.dumps(message) + "\n").encode())
            self._proc.stdin.flush()
        except (OSError, AttributeError) as exc:
            raise RunnerError(_("the drill worker stopped ({error})").format(error=exc)) from None

    def _receive(self, timeout_s: float, cancelled: Callable[[], bool] | None) -> dict | None:
        """The next message line; None when cancelled() turned true while waiting."""
        deadline = time.monotonic() + timeout_s
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._buffer:
            if cancelled and cancelled():
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise RunnerError(_("the drill worker did not answer within {seconds} s").format(
                    seconds=f"{timeout_s:.0f}"))
            ready = select.select([fd], [], [], min(left, 0.1 if cancelled else left))[0]
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    code = self._proc.poll()
                    self.close()
                    raise RunnerError(_("the drill worker stopped unexpectedly (exit code {code})").format(code=code))
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _spawn_one(self, task: Task) -> dict:
        """The fallback: a fresh interpreter for one check, in its own process group."""
        from dltutor.drills.worker import finish

        with tempfile.TemporaryDirectory(prefix="dltutor-drill-") as tmp:
            task_file, result_file = Path(tmp, "task.json"), Path(tmp, "result.json")
            task_file.write_text(json.dumps({**task.to_json(), "judge": self.judge,
                                             "result_file": str(result_file)}), encoding="utf-8")
            kwargs = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt"
                      else {"start_new_session": True})
            start = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-m", "dltutor.drills.worker", "--one", str(task_file)],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    env=_env(), **kwargs)
            # The interpreter's start-up (torch's import) is ours, not the learner's: it does not count.
            timed_out = False
            try:
                out = proc.communicate(timeout=task.timeout_s + 15)[0]
            except subprocess.TimeoutExpired:
                timed_out = True
                _kill_group(proc.pid)
                out = proc.communicate()[0]
            _kill_group(proc.pid)
            result = None
            if not timed_out and result_file.exists():
                try:
                    result = json.loads(result_file.read_text(encoding="utf-8"))
                except ValueError:
                    result = None
            text = out.decode("utf-8", errors="replace")
            return finish(result, timed_out=timed_out, exit_status=proc.returncode or 0, output=text[:4000],
                          task={**task.to_json()}, duration_s=time.monotonic() - start)


def _kill_group(pid: int) -> None:
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True)
        return
    import signal

    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
