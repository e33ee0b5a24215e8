"""`drill watch` without a screen: re-check each drill file the moment it is saved.

    for drill, result in watch_checks(ws, drills, runner, store=store, stop_event=stop):
        ...  # the CLI prints, the app updates its table, the benchmark times it

watchfiles (Rust, inotify/FSEvents) reports a save within ~50 ms; an editor's
"write a temporary file, then rename" counts as a save of the final name. Saving the
same content again is not checked again. Stops when `stop_event` is set (checked
between saves at least every `poll_s`); KeyboardInterrupt passes through to the caller.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from dltutor.drills.checking import check_drills
from dltutor.drills.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Runner
from dltutor.drills.workspace import Workspace, sha256


def watch_checks(ws: Workspace, drills: list, runner: Runner, *, store=None, timeout_s: float = DEFAULT_TIMEOUT_S,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, stop_event: threading.Event | None = None,
                 poll_s: float = 0.5) -> Iterator[tuple[object, dict]]:
    """(drill, result) each time a drill's file is saved with new content; runs until stop_event is set."""
    from watchfiles import Change, watch

    by_path = {str(ws.path_of(d).resolve()): d for d in drills}
    order = {d.id: i for i, d in enumerate(drills)}
    checked: dict[str, str | None] = {}

    def wanted(change: Change, path: str) -> bool:
        return change != Change.deleted and path in by_path

    root = str(ws.root.resolve())
    for changes in watch(root, watch_filter=wanted, stop_event=stop_event, step=30, debounce=400,
                         rust_timeout=int(poll_s * 1000), yield_on_timeout=False):
        saved = sorted({by_path[p] for _, p in changes}, key=lambda d: order[d.id])
        for drill in saved:
            sha = sha256(Path(ws.path_of(drill)))
            if sha is None or checked.get(drill.id) == sha:
                continue  # gone again, or the same content saved twice (editors touch files)
            checked[drill.id] = sha
            yield from check_drills(ws, [drill], runner, store=store, timeout_s=timeout_s, memory_mb=memory_mb)
            if sha256(Path(ws.path_of(drill))) != sha:
                checked.pop(drill.id)  # saved again during the check: the next save is checked even if the same
            if stop_event is not None and stop_event.is_set():
                return
