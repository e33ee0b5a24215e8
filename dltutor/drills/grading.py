"""Grading a class: every learner's workspace checked the same way, nothing recorded in their files.

A learner's workspace is a folder made by `dltutor drill init` (its state file may be
missing: a teacher's copy often drops hidden files; then "not started" means "same as
the starter"). The learner's name is the folder's name, or its parent's when the folder
is the default `dltutor-drills`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dltutor.drills.checking import check_drills
from dltutor.drills.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Runner
from dltutor.drills.workspace import DEFAULT_DIR, STATE_FILE, Workspace, WorkspaceError
from dltutor.i18n import _


@dataclass(frozen=True)
class GradeRow:
    """One learner × one drill."""

    learner: str
    workspace: str
    drill: str
    lesson: str
    result: dict

    @property
    def status(self) -> str:
        return self.result["status"]

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict:
        r = self.result
        return {"learner": self.learner, "workspace": self.workspace, "drill": self.drill, "lesson": self.lesson,
                "status": self.status, "check": r.get("check"), "case": r.get("case"),
                "expected": r.get("expected"), "actual": r.get("actual"), "advice": r.get("advice"),
                "message": r.get("message"), "line": r.get("line"), "duration_s": r.get("duration_s")}


@dataclass(frozen=True)
class DrillShare:
    """How the class did on one drill."""

    drill: str
    lesson: str
    learners: int
    passed: int

    @property
    def share(self) -> float:
        return self.passed / self.learners if self.learners else 0.0

    def to_dict(self) -> dict:
        return {"drill": self.drill, "lesson": self.lesson, "learners": self.learners, "passed": self.passed,
                "share": round(self.share, 4)}


def learner_name(root: Path) -> str:
    root = root.resolve()
    return root.parent.name if root.name == DEFAULT_DIR and root.parent.name else root.name


def open_workspaces(paths: list[str], drills: list) -> tuple[list[Workspace], list[WorkspaceError]]:
    """The workspaces to grade and, for each path that is none, an error naming it."""
    found, errors = [], []
    for raw in paths:
        root = Path(raw).expanduser()
        if not root.is_dir():
            errors.append(WorkspaceError(_("{path}: not a folder").format(path=raw)))
            continue
        if (root / DEFAULT_DIR / STATE_FILE).is_file() and not (root / STATE_FILE).is_file():
            root = root / DEFAULT_DIR
        ws = Workspace(root)
        if not ws.state_path.is_file() and not any(ws.path_of(d).is_file() for d in drills):
            errors.append(WorkspaceError(_("{path}: not a drill workspace (no {state} and no drill files)").format(
                path=raw, state=STATE_FILE)))
            continue
        found.append(ws)
    return found, errors


def grade(workspaces: list[Workspace], drills: list, runner: Runner, *, timeout_s: float = DEFAULT_TIMEOUT_S,
          memory_mb: int | None = DEFAULT_MEMORY_MB, jobs: int = 2,
          errors: list | None = None, on_learner: Callable[[str], None] | None = None) -> Iterator[GradeRow]:
    """A row per learner and drill; a workspace whose state file is broken becomes an error instead."""
    for ws in workspaces:
        name = learner_name(ws.root)
        if on_learner:
            on_learner(name)
        try:
            ws.load()
        except WorkspaceError as exc:
            if errors is not None:
                errors.append(exc)
            continue
        for drill, result in check_drills(ws, drills, runner, timeout_s=timeout_s, memory_mb=memory_mb, jobs=jobs,
                                          record=False):
            yield GradeRow(name, str(ws.root), drill.id, drill.lesson, result)


def shares(rows: list[GradeRow], drills: list) -> list[DrillShare]:
    """Per drill, in roadmap order: how many learners were graded and how many passed."""
    out = []
    for drill in drills:
        mine = [r for r in rows if r.drill == drill.id]
        out.append(DrillShare(drill.id, drill.lesson, len(mine), sum(r.passed for r in mine)))
    return out
