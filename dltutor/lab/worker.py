"""The training process: imports torch once, then describes exercises and runs them on request.

The app starts it (`python -m dltutor.lab.worker [SETUP]`, see `dltutor.lab.remote.Trainer`) so
that training never shares an interpreter, and so a GIL, with the screen: watching and typing
cannot slow a run. Messages are pickled tuples on the process's stdin (in) and stdout (out):

    app -> process   ("describe", exercise_id, lang) | ("run", exercise_id, params: dict, device, seed, lang)
                     | ("stop",) | ("exit",)
    process -> app   ("described", info: dict) | ("error", message) | ("event", Event)

Each request carries the language to answer in (titles, targets, failure reasons), so one process serves
an app in either language. A run answers with its events (`dltutor.lab.events`), the last one Finished or Failed. ("stop",)
ends the current run at its next step. When the app goes away (stdin closes), the run is
stopped and the process exits. This module imports torch only in `Server.serve`, so importing it
(as the app does, for `Channel`) stays cheap.
"""

from __future__ import annotations

import importlib
import os
import pickle
import queue
import signal
import sys
import threading
from typing import IO, Any

from dltutor.i18n import LANGUAGES, _, use_language


class Channel:
    """Pickled messages over a pair of byte streams (one object per message; pickle frames itself)."""

    def __init__(self, reader: IO[bytes], writer: IO[bytes]) -> None:
        self.reader, self.writer = reader, writer

    def send(self, message: Any) -> None:
        pickle.dump(message, self.writer, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.flush()

    def recv(self) -> Any:
        """The next message; EOFError when the other side has gone."""
        try:
            return pickle.load(self.reader)
        except pickle.UnpicklingError as exc:  # cut off mid-message: the writer died
            raise EOFError(str(exc)) from exc

    def close(self) -> None:
        for stream in (self.writer, self.reader):
            try:
                stream.close()
            except OSError:
                pass


def main(setup: str | None = None) -> None:
    """Entry point of the process. `setup` ("module:function") runs first; tests use it to install a fake exercise."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C belongs to the app, which stops runs by message
    speak_parents_language()
    channel = Channel(sys.stdin.buffer, os.fdopen(os.dup(1), "wb"))
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # stray prints must not corrupt the message stream (stderr is already nowhere)
    os.close(null)
    sys.stdin = open(os.devnull)
    if setup:
        module, _sep, name = setup.partition(":")
        getattr(importlib.import_module(module), name)()
    Server(channel).serve()


def speak_parents_language() -> None:
    """Use the app's language ($DLTUTOR_LANG, exported by `use_language`): the titles, targets, sample notes
    and failure reasons this process builds are read by the learner. An unknown value keeps English."""
    from dltutor.i18n import LANGUAGES, use_language

    lang = os.environ.get("DLTUTOR_LANG", "en")
    use_language(lang if lang in LANGUAGES else "en")


def available_devices() -> list[str]:
    """auto, then every device this machine has."""
    import torch

    devices = ["auto", "cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    return devices + (["mps"] if mps and mps.is_available() else [])


def describe(exercise_id: str) -> dict[str, Any]:
    """What the app shows before a run: title, target, the Params schema (descriptions in the current language),
    the devices and the default device."""
    from dltutor.lab import device, registry
    from dltutor.lab.params_schema import translated_schema

    exercise = registry.get_exercise(exercise_id)
    return {"id": exercise.id, "title": exercise.title_text(), "target": exercise.target_text(),
            "params_schema": translated_schema(exercise.Params.model_json_schema()), "devices": available_devices(),
            "badge": device.pick_device().badge}


class Server:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.requests: queue.Queue = queue.Queue()
        self.stop = threading.Event()  # the current run's flag; each run gets a new one
        self.serving = False  # set once torch is imported and requests are answered

    def _read(self) -> None:
        """Reader thread: stop messages act at once, everything else waits its turn in the queue."""
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):  # the app is gone: stop and leave
                if not self.serving:  # still importing torch: nothing to finish
                    os._exit(0)
                message = ("exit",)
            if message[0] == "stop":
                self.stop.set()
                continue
            if message[0] == "run":  # a fresh flag, created in message order so an earlier stop cannot hit it
                self.stop = threading.Event()
                message = (*message, self.stop)
            if message[0] == "exit":
                self.stop.set()
            self.requests.put(message)
            if message[0] == "exit":
                return

    def serve(self) -> None:
        threading.Thread(target=self._read, daemon=True, name="dltutor-trainer-reader").start()
        import torch  # noqa: F401  (the slow import this process exists to do ahead of time)

        from dltutor.lab import exercise  # noqa: F401

        self.serving = True
        while True:
            message = self.requests.get()
            try:
                if message[0] == "exit":
                    return
                if message[0] == "describe":
                    __, exercise_id, lang = message
                    use_language(lang if lang in LANGUAGES else "en")
                    self._describe(exercise_id)
                elif message[0] == "run":
                    __, exercise_id, params, device, seed, lang, stop = message
                    use_language(lang if lang in LANGUAGES else "en")
                    self._run(exercise_id, params, device, seed, stop)
            except (EOFError, OSError):
                return  # the app closed the pipe while we answered

    def _describe(self, exercise_id: str) -> None:
        try:
            info = describe(exercise_id)
        except KeyError:
            self.conn.send(("error", _("the exercise '{exercise}' is not available").format(exercise=exercise_id)))
        except Exception as exc:  # an import error in an exercise module: say it, keep serving
            self.conn.send(("error", _("the exercise '{exercise}' cannot be loaded ({error})").format(
                exercise=exercise_id, error=f"{type(exc).__name__}: {exc}")))
        else:
            self.conn.send(("described", info))

    def _run(self, exercise_id: str, params: dict, device: str | None, seed: int, stop: threading.Event) -> None:
        from dltutor.lab.events import Failed
        from dltutor.lab.exercise import BadParams, run
        from dltutor.lab.registry import get_exercise

        try:
            for event in run(get_exercise(exercise_id), params, device=device, stop=stop, seed=seed):
                self.conn.send(("event", event))
        except (EOFError, OSError):
            raise
        except BadParams as exc:
            self.conn.send(("event", Failed(exercise_id, str(exc))))
        except Exception as exc:  # a bug in an exercise must not end the process; show it instead
            self.conn.send(("event", Failed(exercise_id, _("The exercise crashed: {error}").format(
                error=f"{type(exc).__name__}: {exc}"))))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
