"""Checking drills in a workspace: the one path the CLI, `drill watch`, the app and grading share.

    for drill, result in check_drills(ws, drills, runner, store=store):
        ...

Each result is the runner's dict (status passed, failed, error, timeout) or, without
running anything, "not started" (the file is still the starter) or "error" for a
missing file. Every check that ran is remembered in the workspace (for its status)
and, given a progress store, recorded there. Results come in the order of `drills`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dltutor.drills.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Runner, Task
from dltutor.drills.workspace import MISSING, NOT_STARTED, Workspace, sha256
from dltutor.i18n import _

RESULT_KEYS = ("status", "passed", "total", "check", "case", "expected", "actual", "advice", "message", "line",
               "output", "duration_s")


def blank(status: str, message: str) -> dict:
    """A result for a drill that was not run."""
    return {"status": status, "passed": 0, "total": 0, "check": None, "case": None, "expected": None,
            "actual": None, "advice": None, "message": message, "line": None, "output": "", "duration_s": 0.0}


def not_run(ws: Workspace, drill, state: dict | None = None) -> dict | None:
    """The result to give without running the file (not started, missing), or None when it must run."""
    status = ws.entry(drill, state).status
    rel = ws.relative(drill)
    if status == NOT_STARTED:
        return blank("not started", _("not started yet: open {path}, read the task in its docstring, and replace "
                                      "`raise NotImplementedError(...)` with your code").format(path=rel))
    if status == MISSING:
        return blank("error", _("{path} is missing; `dltutor drill reset {id}` (in the app: e) "
                                "puts the starter back").format(path=rel, id=drill.id))
    return None


def check_drills(ws: Workspace, drills: list, runner: Runner, *, store=None, timeout_s: float = DEFAULT_TIMEOUT_S,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, jobs: int = 1, record: bool = True,
                 cancelled: Callable[[], bool] | None = None) -> Iterator[tuple[object, dict]]:
    """(drill, result) for each drill, in order; results of started drills come from the runner.

    record: remember results in the workspace state and the progress store (grading a
    class passes False: a teacher's run must not change the learners' records).
    """
    state = ws.load()
    results: dict[int, dict] = {}
    tasks: list[Task] = []
    task_index: list[int] = []
    shas: dict[int, str | None] = {}
    for i, drill in enumerate(drills):
        early = not_run(ws, drill, state)
        if early is not None:
            results[i] = early
            continue
        path = ws.path_of(drill)
        shas[i] = sha256(path)  # the content that is checked, even if the learner saves again meanwhile
        tasks.append(Task(drill.checks_path, path.resolve(), timeout_s, memory_mb))
        task_index.append(i)
    runs = runner.check_many(tasks, jobs=jobs, cancelled=cancelled) if tasks else iter(())
    shown = 0
    try:
        while shown < len(drills):
            if shown in results:
                yield drills[shown], results.pop(shown)
                shown += 1
                continue
            index, result = next(runs)
            i = task_index[index]
            drill = drills[i]
            if record:
                # A save during the check (or before the worker was ready) means the child may have read
                # newer content than the hash taken before: then the result belongs to no known content.
                checked = shas[i] if sha256(ws.path_of(drill)) == shas[i] else None
                ws.record_check(drill, result, checked)
                if store is not None:
                    store.record_drill_check(drill.id, drill.lesson, result["status"],
                                             float(result.get("duration_s") or 0.0), result.get("check"))
            results[i] = result
    except StopIteration:  # cancelled: the runner stopped early
        return
    finally:
        close = getattr(runs, "close", None)
        if close:
            close()
