"""The app's handle on the training process (`dltutor.lab.worker`): start it early, describe, run, stop, close.

torch is never imported here. The process is started with "spawn" (a fresh interpreter, not a
fork of the app, whose threads and terminal state must not be copied) and imports torch at once,
so starting it while the app is idle hides the slow import. One request at a time: a run holds the
process until its Finished or Failed event. If the process dies, the run in progress ends with a
Failed event that says so, and the next request starts a new process.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

from dltutor.lab.events import Event, Failed


class TrainerError(RuntimeError):
    """The training process could not answer (it died, or refused the request); the message says why."""


class Trainer:
    """A training process shared by every lab the app opens.

    `setup` ("module:function") runs in the process before anything else (tests install a fake exercise).
    Methods other than `start`, `stop` and `close` block until the process answers: call them from a thread.
    """

    def __init__(self, setup: str | None = None) -> None:
        self.setup = setup
        self._process = None
        self._conn = None
        self._start_lock = threading.Lock()
        self._request_lock = threading.Lock()  # one describe or run at a time
        self._send_lock = threading.Lock()  # stop() may send while a run's thread is reading

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the process if it is not running (returns at once; the process imports torch on its own)."""
        from dltutor.lab import worker

        with self._start_lock:
            if self.alive:
                return
            self._discard()
            context = multiprocessing.get_context("spawn")
            self._conn, child = context.Pipe()
            self._process = context.Process(target=worker.main, args=(child, self.setup), daemon=True,
                                            name="dltutor-trainer")
            stderr = sys.stderr
            try:
                # Inside the app, sys.stderr is Textual's capture, whose fileno() is -1; multiprocessing
                # hands stderr's fd to its helper process and fails on -1 ("bad value(s) in fds_to_keep").
                sys.stderr = sys.__stderr__ or stderr
                self._process.start()
            finally:
                sys.stderr = stderr
            child.close()  # the process holds the other end: its death is our EOF

    def _send(self, message: tuple) -> None:
        with self._send_lock:
            try:
                self._conn.send(message)
            except (OSError, ValueError, AttributeError) as exc:  # closed or never opened
                raise TrainerError(self._death()) from exc

    def _recv(self) -> tuple:
        try:
            return self._conn.recv()
        except (EOFError, OSError, AttributeError) as exc:
            raise TrainerError(self._death()) from exc

    def _death(self) -> str:
        process = self._process
        if process is not None:
            process.join(timeout=1.0)
        code = process.exitcode if process is not None else None
        if code is None:
            how = "stopped answering"
        elif code < 0:
            try:
                how = f"was ended by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"was ended by signal {-code}"
            if -code == getattr(signal, "SIGKILL", 9):
                how += " (often: the computer ran out of memory)"
        else:
            how = f"exited with code {code}"
        return f"The training process {how}."

    def describe(self, exercise_id: str) -> dict[str, Any]:
        """{id, title, target, params_schema, devices, badge}; TrainerError when the process cannot say."""
        with self._request_lock:
            self.start()
            self._send(("describe", exercise_id))
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
                self._send(("run", exercise_id, params, device, seed))
                while True:
                    kind, event = self._recv()
                    if kind != "event":
                        raise TrainerError(f"The training process answered {kind!r} to a run: {event}")
                    yield event
                    if event.event in ("finished", "failed"):
                        return
            except TrainerError as exc:
                yield Failed(exercise_id, f"{exc} The run ended there; start it again to retry.")

    def stop(self) -> None:
        """Ask the current run to end at its next step (no-op when nothing runs or the process is gone)."""
        try:
            self._send(("stop",))
        except TrainerError:
            pass

    def close(self, grace_s: float = 0.2) -> None:
        """End the process: ask, wait up to `grace_s`, then terminate. A run in progress ends (its reader sees EOF)."""
        process = self._process
        if process is None:
            return
        try:
            self._send(("exit",))
        except TrainerError:
            pass
        process.join(timeout=grace_s)
        if process.is_alive():
            process.terminate()
            process.join(timeout=1.0)
        self._discard()

    def _discard(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        if self._process is not None and not self._process.is_alive():
            self._process.close()
        self._process = None
