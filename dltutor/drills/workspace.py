"""The learner's drill workspace: one folder per lesson, one file per drill, and a small state file.

    dltutor-drills/
      .dltutor-drills.json       state: starter hashes, hints shown, the last check of each file
      README.md                  the commands, for a learner who opens the folder
      concepts/perceptron_predict.py
      ...
      .backups/                  copies kept by `dltutor drill reset`

A drill's status comes from its file and the state, never from memory:
  not started  the file is still the starter (same SHA-256 as when it was copied)
  edited       changed since its last check (or never checked)
  failing      the last check of exactly this content failed (or errored, or timed out)
  passed       the last check of exactly this content passed
  missing      the file was deleted (`dltutor drill reset ID` brings the starter back)

Nothing here runs learner code or imports torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dltutor.atomic_file import write_text
from dltutor.i18n import N_, _
from dltutor.i18n.oserror import os_reason

STATE_FILE = ".dltutor-drills.json"
DEFAULT_DIR = "dltutor-drills"
ENV_VAR = "DLTUTOR_DRILLS"
FORMAT = "dltutor-drills"
VERSION = 1
BACKUPS = ".backups"
SOLUTION_AFTER_FAILS = 3  # failed checks after which the reference solution is offered

NOT_STARTED, EDITED, FAILING, PASSED, MISSING = "not started", "edited", "failing", "passed", "missing"
STATUSES = (NOT_STARTED, EDITED, FAILING, PASSED, MISSING)

README = N_("""\
# Your dltutor drills

One folder per lesson, one file per drill. Each file's docstring states the task.
Replace every `raise NotImplementedError(...)` with your code, then:

    dltutor drill              list the drills, your status, and the next one
    dltutor drill watch        re-check each file when you save it
    dltutor drill check ID     check one drill (no ID: the next one)
    dltutor drill hint ID      one more hint each time
    dltutor drill solution ID  the reference solution, once you have tried
    dltutor drill reset ID     start a drill again (a backup is kept in .backups/)

Your code runs in a separate process with a time limit, never inside dltutor.
""")


class WorkspaceError(ValueError):
    """A workspace that cannot be found, created or read; the message is one line for the learner."""


def sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """One drill as the workspace sees it (what `dltutor drill list --json` prints)."""

    id: str
    lesson: str
    title: str
    path: str  # relative to the workspace, with forward slashes
    status: str  # one of STATUSES
    hints_shown: int
    failed_checks: int
    passed_before: bool  # passed at some time (the solution is then offered)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "lesson": self.lesson, "title": self.title, "path": self.path,
                "status": self.status, "hints_shown": self.hints_shown, "failed_checks": self.failed_checks,
                "passed_before": self.passed_before}


class Workspace:
    """A workspace folder and its state. Every change re-reads the state file first and replaces it
    atomically, so `drill watch`, the app and single commands can share a workspace."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.state_path = self.root / STATE_FILE

    # -- finding and creating -------------------------------------------------------

    @classmethod
    def find(cls, explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Workspace:
        """--workspace DIR, else $DLTUTOR_DRILLS, else the current folder or one above it, else ./dltutor-drills."""
        how = "--workspace"
        if not explicit and os.environ.get(ENV_VAR):
            explicit, how = os.environ[ENV_VAR], ENV_VAR
        if explicit:
            root = Path(explicit).expanduser()
            if root.exists() and not root.is_dir():
                raise WorkspaceError(_("{root} ({how}) is a file, not a drill workspace folder").format(
                    root=root, how=how))
            if not (root / STATE_FILE).is_file():
                raise WorkspaceError(_("{root} ({how}) is not a drill workspace (it has no {state}); "
                                       "create one with `dltutor drill init {root}`").format(
                    root=root, how=how, state=STATE_FILE))
            return cls(root)
        here = (cwd or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / STATE_FILE).is_file():
                return cls(folder)
        if (here / DEFAULT_DIR / STATE_FILE).is_file():
            return cls(here / DEFAULT_DIR)
        raise WorkspaceError(_("no drill workspace in {here} or above; create one with `dltutor drill init` "
                               "(or pass --workspace DIR, or set {env})").format(here=here, env=ENV_VAR))

    @classmethod
    def init(cls, root: Path, drills: Iterable) -> tuple[Workspace, list[str], list[str]]:
        """Create the workspace (or add new drills to it). Never overwrites a file that exists.

        Returns (workspace, paths created, paths kept), relative to the root.
        """
        root = Path(root).expanduser()
        if root.exists() and not root.is_dir():
            raise WorkspaceError(_("{root} exists and is not a folder").format(root=root))
        try:
            root.mkdir(parents=True, exist_ok=True)
            ws = cls(root)
            created, kept = [], []
            state = ws.load() if ws.state_path.exists() else {}
            for drill in drills:
                target = ws.path_of(drill)
                entry = state.setdefault(drill.id, {})
                starter = drill.starter_path.read_bytes()
                if target.exists():
                    kept.append(ws.relative(drill))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with open(target, "xb") as f:  # "x": never replace a file that appeared meanwhile
                        f.write(starter)
                    created.append(ws.relative(drill))
                    entry["starter_sha"] = hashlib.sha256(starter).hexdigest()
                entry.setdefault("starter_sha", hashlib.sha256(starter).hexdigest())
            ws.save(state)
            readme = root / "README.md"
            if not readme.exists():
                readme.write_text(_(README), encoding="utf-8")
        except OSError as exc:
            raise WorkspaceError(_("cannot create the workspace in {root}: {error}").format(
                root=root, error=os_reason(exc))) from None
        return ws, created, kept

    # -- the state file -------------------------------------------------------------

    def load(self) -> dict[str, dict[str, Any]]:
        """{drill id: its record}. A broken state file is an error naming the file and line."""
        try:
            text = self.state_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(_("cannot read {path}: {error}").format(
                path=self.state_path, error=os_reason(exc))) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WorkspaceError(_("{path}:{line}: not valid JSON ({error}); delete the file to start the record "
                                   "afresh (your drill files are kept)").format(
                path=self.state_path, line=exc.lineno, error=exc.msg)) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("drills"), dict):
            raise WorkspaceError(_("{path}:1: not a dltutor drills state file; delete it to start the record "
                                   "afresh (your drill files are kept)").format(path=self.state_path))
        if not isinstance(data.get("version"), int) or data["version"] > VERSION:
            raise WorkspaceError(_("{path}:1: written by a newer dltutor (version {version}); update dltutor").format(
                path=self.state_path, version=repr(data.get("version"))))
        return {k: v for k, v in data["drills"].items() if isinstance(k, str) and isinstance(v, dict)}

    def save(self, state: dict[str, dict[str, Any]]) -> None:
        document = {"format": FORMAT, "version": VERSION, "drills": state}
        write_text(self.state_path, json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n")

    def update(self, drill_id: str, change: Callable[[dict[str, Any]], Any]) -> Any:
        """Re-read the state, apply change(record of this drill), save; returns what change returned."""
        state = self.load()
        result = change(state.setdefault(drill_id, {}))
        try:
            self.save(state)
        except OSError as exc:
            raise WorkspaceError(_("cannot write {path}: {error}").format(
                path=self.state_path, error=os_reason(exc))) from None
        return result

    # -- drills in the workspace ----------------------------------------------------

    def path_of(self, drill) -> Path:
        return self.root / drill.lesson / drill.file

    def relative(self, drill) -> str:
        return f"{drill.lesson}/{drill.file}"

    def drill_at(self, path: Path, drills: Iterable):
        """The drill whose file this is, or None."""
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        return next((d for d in drills if self.relative(d) == rel), None)

    def entry(self, drill, state: dict[str, dict[str, Any]] | None = None) -> Entry:
        state = self.load() if state is None else state
        record = state.get(drill.id, {})
        return Entry(id=drill.id, lesson=drill.lesson, title=drill.title, path=self.relative(drill),
                     status=self._status(drill, record), hints_shown=int(record.get("hints", 0) or 0),
                     failed_checks=int(record.get("failed", 0) or 0), passed_before=bool(record.get("passed_at")))

    def entries(self, drills: Iterable) -> list[Entry]:
        state = self.load()
        return [self.entry(d, state) for d in drills]

    def _status(self, drill, record: dict[str, Any]) -> str:
        sha = sha256(self.path_of(drill))
        if sha is None:
            return MISSING
        # The starter of any language counts: a learner who switches language keeps their status.
        if sha == record.get("starter_sha") or sha in {sha256(p) for p in drill.starter_paths}:
            return NOT_STARTED
        last = record.get("last") or {}
        if isinstance(last, dict) and last.get("sha") == sha:
            return PASSED if last.get("status") == "passed" else FAILING
        return EDITED

    def next_drill(self, drills: list):
        """The first drill in roadmap order that is not passed (None when all are)."""
        entries = self.entries(drills)
        return next((d for d, e in zip(drills, entries) if e.status != PASSED), None)

    # -- recording ------------------------------------------------------------------

    def record_check(self, drill, result: dict[str, Any], sha: str | None) -> None:
        """Remember the result of checking the file content with this SHA-256."""
        status = result.get("status", "error")

        def change(record: dict[str, Any]) -> None:
            record["last"] = {"sha": sha, "status": status, "at": _now()}
            if status == "passed":
                record.setdefault("passed_at", _now())
            else:
                record["failed"] = int(record.get("failed", 0) or 0) + 1

        self.update(drill.id, change)

    def next_hint(self, drill) -> tuple[int, str]:
        """(tier 1.., hint text): one more tier each call, remembered; stays at the last tier."""
        def change(record: dict[str, Any]) -> int:
            shown = min(int(record.get("hints", 0) or 0) + 1, len(drill.hints))
            record["hints"] = shown
            return shown

        tier = self.update(drill.id, change)
        return tier, drill.hints[tier - 1]

    def solution_allowed(self, drill) -> bool:
        e = self.entry(drill)
        return e.passed_before or e.status == PASSED or e.failed_checks >= SOLUTION_AFTER_FAILS

    def reset(self, drill) -> Path | None:
        """Put the starter back; the learner's file is copied to .backups/ first. Returns the backup path."""
        target = self.path_of(drill)
        backup = None
        try:
            if target.exists():
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = self.root / BACKUPS / drill.lesson / f"{target.stem}.{stamp}{target.suffix}"
                n = 1
                while backup.exists():
                    n += 1
                    backup = backup.with_name(f"{target.stem}.{stamp}-{n}{target.suffix}")
                backup.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(target, backup)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(drill.starter_path, target)
        except OSError as exc:
            raise WorkspaceError(_("cannot reset {path}: {error}").format(path=target, error=os_reason(exc))) from None
        starter = sha256(drill.starter_path)

        def change(record: dict[str, Any]) -> None:
            record["starter_sha"] = starter
            record.pop("last", None)

        self.update(drill.id, change)
        return backup
