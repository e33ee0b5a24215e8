"""The app's handle on the training process (`dltutor.lab.worker`): start it early, describe, run, stop, close.

torch is never imported here. The process is a fresh interpreter (`python -m dltutor.lab.worker`,
not a fork of the app, whose threads and terminal state must not be copied, and not
multiprocessing's spawn, which would re-import the app's main script). It imports torch at once,
so starting it while the app is idle hides the slow import. It runs in its own session, so keys
meant for the app (Ctrl+C, Ctrl+Z) never signal it. One request at a time: a run holds the
process until its Finished or Failed event. If the process dies, the run in progress ends with a
Failed event that says so, and the next request starts a new process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dltutor.i18n import _, language
from dltutor.lab.events import Event, Failed
from dltutor.lab.worker import Channel

PIPE_BYTES = 1 << 20  # a roomy pipe: a big Sample never makes the trainer wait for the app to read


class TrainerError(RuntimeError):
    """The training process could not answer (it died, or refused the request); the message says why."""


class Trainer:
    """A training process shared by every lab the app opens.

    `setup` ("module:function") runs in the process before anything else (tests install a fake exercise).
    Methods other than `start`, `stop` and `close` block until the process answers: call them from a thread.
    """

    def __init__(self, setup: str | None = None) -> None:
        self.setup = setup
        self._process: subprocess.Popen | None = None
        self._channel: Channel | None = None
        self._start_lock = threading.Lock()
        self._request_lock = threading.Lock()  # one describe or run at a time
        self._send_lock = threading.Lock()  # stop() may send while a run's thread is reading
        self._ended_on_purpose = ""  # why end() ended the process, for the run that was going

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the process if it is not running (returns at once; the process imports torch on its own)."""
        with self._start_lock:
            if self.alive:
                return
            self._discard()
            self._ended_on_purpose = ""
            root = str(Path(__file__).resolve().parents[2])  # the dltutor this app runs, wherever it came from
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
            detach = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"
                      else {"start_new_session": True})
            self._process = subprocess.Popen(
                [sys.executable, "-m", "dltutor.lab.worker", *([self.setup] if self.setup else [])],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, **detach)
            for stream in (self._process.stdin, self._process.stdout):
                _widen(stream)
            self._channel = Channel(self._process.stdout, self._process.stdin)

    def _send(self, message: tuple) -> None:
        with self._send_lock:
            try:
                self._channel.send(message)
            except (OSError, ValueError, AttributeError) as exc:  # closed or never opened
                raise TrainerError(self._death()) from exc

    def _recv(self) -> tuple:
        try:
            return self._channel.recv()
        except (EOFError, OSError, ValueError, AttributeError) as exc:
            raise TrainerError(self._death()) from exc

    def _death(self) -> str:
        if self._ended_on_purpose:
            return self._ended_on_purpose
        process = self._process
        code = None
        if process is not None:
            try:
                code = process.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                pass
        if code is None:
            return _("The training process stopped answering.")
        if code >= 0:
            return _("The training process exited with code {code}.").format(code=code)
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        if -code == getattr(signal, "SIGKILL", 9):
            return _("The training process was ended by signal {signal} (often: the computer ran out of "
                     "memory).").format(signal=name)
        return _("The training process was ended by signal {signal}.").format(signal=name)

    def describe(self, exercise_id: str) -> dict[str, Any]:
        """{id, title, target, params_schema, devices, badge}; TrainerError when the process cannot say."""
        with self._request_lock:
            self.start()
            self._send(("describe", exercise_id, language()))
            reply = self._recv()
        if reply[0] == "error":
            raise TrainerError(reply[1])
        return reply[1]

    def run(self, exercise_id: str, params: dict[str, Any], device: str | None = None,
            seed: int = 0) -> Iterator[Event]:
        """The run's events, ending with Finished or Failed (also when the process dies mid-run)."""
        with self._request_lock:
            try:
                self.start()
                self._send(("run", exercise_id, params, device, seed, language()))
                while True:
                    kind, event = self._recv()
                    if kind != "event":
                        raise TrainerError(_("The training process answered {kind} to a run: {answer}").format(
                            kind=repr(kind), answer=event))
                    yield event
                    if event.event in ("finished", "failed"):
                        return
            except TrainerError as exc:
                yield Failed(exercise_id, _("{reason} The run ended there; start it again to retry.").format(
                    reason=exc))

    def stop(self) -> None:
        """Ask the current run to end at its next step (no-op when nothing runs or the process is gone)."""
        try:
            self._send(("stop",))
        except TrainerError:
            pass

    def end(self, reason: str) -> None:
        """End the process now (a run that does not stop when asked); the run in progress fails with `reason`."""
        process = self._process
        if process is not None and process.poll() is None:
            self._ended_on_purpose = reason
            process.kill()

    def close(self, grace_s: float = 0.05) -> None:
        """End the process without making the caller wait: ask it to exit, give it `grace_s`, then terminate it.

        A run in progress ends (its reading thread sees EOF). Even if this is never called, the
        process exits by itself when the app's end of its stdin closes.
        """
        process = self._process
        if process is None:
            return
        try:
            self._send(("exit",))
        except TrainerError:
            pass
        self._discard()
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.terminate()  # torch's interpreter teardown is slow, and nothing is left to save

    def _discard(self) -> None:
        if self._channel is not None:
            self._channel.close()
        self._channel = None
        self._process = None


def _widen(stream) -> None:
    """Make a pipe hold PIPE_BYTES where the system allows it (Linux); elsewhere keep its size."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass
