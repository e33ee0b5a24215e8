"""The learner's record: lesson marks, quiz attempts, training runs and drill checks in one SQLite file.

Safe to share: one connection guarded by a lock serves every thread of a process
(the TUI's training worker writes while its UI thread reads), and WAL mode with
a busy timeout lets a CLI process use the same file at the same time. Each
attempt and each run is one transaction, so a killed process leaves either the
whole record or none of it.

Faults never stop the app: a store that cannot write (read-only or missing
folder, locked too long, disk full) sets `warning`, returns empty results and
saves nothing. Only the explicit maintenance calls (export, import_, reset)
raise ProgressError, since silently doing nothing there would mislead.
"""

from __future__ import annotations

import contextlib
import json
import numbers
import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from dltutor.i18n import _
from dltutor.progress import records
from dltutor.progress import summary as _summary
from dltutor.progress.compact import compact_curves, dumps
from dltutor.progress.db import DB_NAME, ReadOnlyConnection, is_environmental, open_database
from dltutor.progress.schema import LESSON_MARKS, RUN_OUTCOMES, now

T = TypeVar("T")
_TABLES = {"marks": "lesson_marks", "attempts": "attempts", "runs": "runs", "drill_checks": "drill_checks"}  # what counts() and reset() report


class ProgressError(RuntimeError):
    """An explicit operation (export, import, reset) could not use the database."""


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    return float(value)


def _expand_curves(stored: str) -> tuple[dict[str, list], dict[str, int]]:
    compact = json.loads(stored)
    return {k: v["y"] for k, v in compact.items()}, {k: v["n"] for k, v in compact.items()}


def _run_columns(with_curves: bool) -> str:
    # Curves are most of a run's bytes: leave them on disk unless asked for.
    if with_curves:
        return "*"
    return "id, uid, lesson_id, exercise, at, hyperparameters, device, metrics, target_met, duration_s, outcome"


def _run(row: sqlite3.Row, with_curves: bool) -> dict[str, Any]:
    run = {
        "id": row["id"], "uid": row["uid"], "lesson_id": row["lesson_id"], "exercise": row["exercise"],
        "at": row["at"], "hyperparameters": json.loads(row["hyperparameters"]), "device": row["device"],
        "metrics": json.loads(row["metrics"]), "target_met": bool(row["target_met"]), "duration_s": row["duration_s"],
        "outcome": row["outcome"],
    }
    if with_curves:
        run["curves"], run["curve_lengths"] = _expand_curves(row["curves"])
    return run


class ProgressStore:
    def __init__(self, conn: sqlite3.Connection | None, path: Path, warning: str | None = None):
        self._conn = conn
        if conn is not None:
            conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self.path = path
        self.warning = warning

    @property
    def enabled(self) -> bool:
        """The record can be read (and maybe written; see writable)."""
        return self._conn is not None

    @property
    def writable(self) -> bool:
        """Saving works: False with no database, or one that could only be opened for reading."""
        return self._conn is not None and not isinstance(self._conn, ReadOnlyConnection)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------

    def _transact(self, what: str, work: Callable[[sqlite3.Connection], T], default: T,
                  write: bool = False, strict: bool = False) -> T:
        """Run `work` in one transaction. Environmental faults set `warning` and give `default`
        (or raise ProgressError when `strict`); bugs (bad SQL, wrong types) propagate."""
        with self._lock:
            if self._conn is None or (write and not self.writable):
                if strict:
                    raise ProgressError(_("cannot {action}: {reason}").format(
                        action=what, reason=self.warning or _("progress store is closed")))
                return default
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = work(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
                return result
            except sqlite3.Error as exc:
                if not is_environmental(exc):
                    raise
                message = _("could not {action} ({error}) in {path}").format(action=what, error=exc, path=self.path)
                if strict:
                    raise ProgressError(message) from exc
                self.warning = message
                return default

    # -- recording ------------------------------------------------------------------

    def mark_lesson(self, lesson_id: str, status: str) -> None:
        """Record that a lesson reached `status` (opened, read, quiz_passed, exercise_done);
        the first and the latest time of each are kept."""
        if status not in LESSON_MARKS:
            raise ValueError(f"unknown lesson status {status!r}; expected one of {', '.join(LESSON_MARKS)}")
        self._transact(_("record '{status}' for lesson '{id}'").format(status=status, id=lesson_id),
                       lambda conn: records.mark(conn, lesson_id, status), None, write=True)

    def record_attempt(self, lesson_id: str, answers: dict, results: list[dict], score: float, max_score: float,
                       passed: bool, duration_s: float, learner: str | None = None) -> int:
        """Save one graded quiz attempt (passed=True also marks quiz_passed); returns its id, 0 if not saved.

        results: one {"id", "status", "points", "max_points"} per question, in quiz order.
        """
        rows = [(str(r["id"]), str(r["status"]), _number("points", r["points"]), _number("max_points", r["max_points"]))
                for r in results]
        record = (uuid.uuid4().hex, lesson_id, learner, now(), _number("score", score),
                  _number("max_score", max_score), int(bool(passed)), _number("duration_s", duration_s),
                  dumps(answers or {}))

        def work(conn: sqlite3.Connection) -> int:
            attempt_id = records.insert_attempt(conn, record, rows)
            if passed:
                records.mark(conn, lesson_id, "quiz_passed", record[3])
            return attempt_id

        return self._transact(_("save the quiz attempt for lesson '{id}'").format(id=lesson_id), work, 0, write=True)

    def record_run(self, lesson_id: str, exercise: str, hyperparameters: dict, device: str, metrics: dict,
                   target_met: bool, duration_s: float, curves: dict[str, list[float]],
                   outcome: str = "finished") -> int:
        """Save one training run (target_met=True also marks exercise_done); returns its id, 0 if not saved.

        outcome: how the run ended, one of RUN_OUTCOMES (finished, stopped, failed); a run that did not
        finish never meets its target. curves are thinned to at most 500 evenly spaced points each, rounded
        to 6 digits.
        """
        if outcome not in RUN_OUTCOMES:
            raise ValueError(f"unknown run outcome {outcome!r}; expected one of {', '.join(RUN_OUTCOMES)}")
        target_met = bool(target_met) and outcome == "finished"
        record = (uuid.uuid4().hex, lesson_id, exercise, now(), dumps(hyperparameters or {}), str(device),
                  dumps(metrics or {}), int(target_met), _number("duration_s", duration_s),
                  dumps(compact_curves(curves)), outcome)

        def work(conn: sqlite3.Connection) -> int:
            run_id = records.insert_run(conn, record)
            if target_met:
                records.mark(conn, lesson_id, "exercise_done", record[3])
            return run_id

        return self._transact(_("save the training run for lesson '{id}'").format(id=lesson_id), work, 0, write=True)

    def record_drill_check(self, drill_id: str, lesson_id: str, status: str, duration_s: float,
                           check_name: str | None = None) -> int:
        """Save one check of a drill (status: passed, failed, error, timeout); returns its id, 0 if not saved."""
        record = (uuid.uuid4().hex, drill_id, lesson_id, now(), str(status), int(status == "passed"),
                  check_name, _number("duration_s", duration_s))
        return self._transact(_("save the check of drill '{id}'").format(id=drill_id),
                              lambda conn: records.insert_drill_check(conn, record), 0, write=True)

    # -- reading --------------------------------------------------------------------

    def drills(self) -> dict[str, dict[str, Any]]:
        """Per drill id: {"lesson_id", "checks" (how many), "passed" (ever), "first_passed_at", "last_status"}."""
        def work(conn: sqlite3.Connection) -> dict:
            out: dict[str, dict[str, Any]] = {}
            for r in conn.execute("SELECT drill_id, lesson_id, at, status, passed FROM drill_checks ORDER BY id"):
                d = out.setdefault(r["drill_id"], {"lesson_id": r["lesson_id"], "checks": 0, "passed": False,
                                                   "first_passed_at": None, "last_status": None})
                d["checks"] += 1
                d["last_status"] = r["status"]
                if r["passed"] and not d["passed"]:
                    d["passed"], d["first_passed_at"] = True, r["at"]
            return out

        return self._transact(_("read drill checks"), work, {})

    def marks(self, lesson_id: str | None = None) -> dict[str, dict[str, dict[str, str]]]:
        """{lesson_id: {mark: {"first_at", "last_at"}}} for one lesson or all."""
        def work(conn: sqlite3.Connection) -> dict:
            where, args = ("WHERE lesson_id = ?", (lesson_id,)) if lesson_id else ("", ())
            out: dict[str, dict[str, dict[str, str]]] = {}
            for r in conn.execute(f"SELECT * FROM lesson_marks {where}", args):
                out.setdefault(r["lesson_id"], {})[r["mark"]] = {"first_at": r["first_at"], "last_at": r["last_at"]}
            return out

        return self._transact(_("read lesson marks"), work, {})

    def attempts(self, lesson_id: str) -> list[dict[str, Any]]:
        """Quiz attempts for a lesson, oldest first, each with its per-question results."""
        def work(conn: sqlite3.Connection) -> list[dict]:
            out = []
            for a in conn.execute("SELECT * FROM attempts WHERE lesson_id = ? ORDER BY id", (lesson_id,)):
                results = [{"id": r["question_id"], "status": r["status"], "points": r["points"],
                            "max_points": r["max_points"]}
                           for r in conn.execute("SELECT * FROM attempt_results WHERE attempt_id = ? ORDER BY position",
                                                 (a["id"],))]
                out.append({"id": a["id"], "uid": a["uid"], "lesson_id": a["lesson_id"], "learner": a["learner"],
                            "at": a["at"], "score": a["score"], "max_score": a["max_score"],
                            "passed": bool(a["passed"]), "duration_s": a["duration_s"],
                            "answers": json.loads(a["answers"]), "results": results})
            return out

        return self._transact(_("read quiz attempts"), work, [])

    def runs(self, lesson_id: str, curves: bool = True) -> list[dict[str, Any]]:
        """Training runs for a lesson, oldest first. With curves: "curves" {name: [values]} and
        "curve_lengths" {name: points in the original run} (the thinned points are evenly spaced)."""
        def work(conn: sqlite3.Connection) -> list[dict]:
            sql = f"SELECT {_run_columns(curves)} FROM runs WHERE lesson_id = ? ORDER BY id"
            rows = conn.execute(sql, (lesson_id,))
            return [_run(r, curves) for r in rows]

        return self._transact(_("read training runs"), work, [])

    def best_run(self, lesson_id: str, curves: bool = True) -> dict[str, Any] | None:
        """The run to beat (see summary.best_run_of for the ranking), with its curves; None if no runs."""
        best = _summary.best_run_of(self.runs(lesson_id, curves=False))
        if best is None or not curves:
            return best

        def work(conn: sqlite3.Connection) -> dict | None:
            row = conn.execute("SELECT * FROM runs WHERE id = ?", (best["id"],)).fetchone()
            return _run(row, True) if row else None

        return self._transact(_("read the best run"), work, None)

    def overview(self) -> dict[str, dict[str, Any]]:
        """Everything the summary needs, read in one snapshot: per lesson id, its marks,
        attempt count, best quiz score, runs (without curves) and the ids of drills passed."""
        def work(conn: sqlite3.Connection) -> dict:
            out: dict[str, dict[str, Any]] = {}

            def entry(lesson_id: str) -> dict[str, Any]:
                return out.setdefault(lesson_id, {"marks": {}, "attempts": 0, "best_attempt": None, "runs": []})

            for r in conn.execute("SELECT * FROM lesson_marks"):
                entry(r["lesson_id"])["marks"][r["mark"]] = {"first_at": r["first_at"], "last_at": r["last_at"]}
            for r in conn.execute("SELECT * FROM attempts ORDER BY id"):
                e = entry(r["lesson_id"])
                e["attempts"] += 1
                fraction = r["score"] / r["max_score"] if r["max_score"] else 0.0
                best = e["best_attempt"]
                if best is None or fraction > best["fraction"]:
                    e["best_attempt"] = {"score": r["score"], "max_score": r["max_score"], "fraction": fraction,
                                         "passed": bool(r["passed"]), "at": r["at"]}
            for r in conn.execute(f"SELECT {_run_columns(False)} FROM runs ORDER BY id"):
                entry(r["lesson_id"])["runs"].append(_run(r, False))
            for r in conn.execute("SELECT DISTINCT lesson_id, drill_id FROM drill_checks WHERE passed"):
                entry(r["lesson_id"]).setdefault("drills_passed", []).append(r["drill_id"])
            return out

        return self._transact(_("read progress"), work, {})

    def counts(self, lesson_id: str | None = None) -> dict[str, int]:
        """How many marks, attempts, runs and drill checks there are (for one lesson or all): what reset would erase."""
        def work(conn: sqlite3.Connection) -> dict[str, int]:
            where, args = ("WHERE lesson_id = ?", (lesson_id,)) if lesson_id else ("", ())
            return {key: conn.execute(f"SELECT COUNT(*) FROM {table} {where}", args).fetchone()[0]
                    for key, table in _TABLES.items()}

        return self._transact(_("count records"), work, dict.fromkeys(_TABLES, 0))

    def summary(self, course) -> list[_summary.LessonProgress]:
        """One LessonProgress per lesson of `course`, in roadmap order."""
        return _summary.summarize(course, self.overview())

    def recommended_next(self, course) -> str | None:
        """The first lesson whose prerequisites are done and that is not itself done."""
        return _summary.recommend(course, self.summary(course))

    # -- maintenance (raise ProgressError rather than quietly doing nothing) ----------

    def export(self, path: str | Path) -> dict[str, int]:
        """Write everything to a versioned JSON file (atomically); returns counts written."""
        from dltutor.progress import transfer  # export and import only: kept off the app's start-up

        document = self._transact(_("read progress for export"), transfer.to_document, None, strict=True)
        transfer.write(Path(path), document)
        return transfer.counts(document)

    def import_(self, path: str | Path) -> dict[str, int]:
        """Merge an exported file in one transaction; records already present are skipped.
        Raises TransferError (a ValueError naming the problem) for a bad file, OSError if unreadable."""
        from dltutor.progress import transfer

        document = transfer.read(Path(path))
        return self._transact(_("import {file}").format(file=path), lambda conn: transfer.merge(conn, document), None,
                              write=True, strict=True)

    def reset(self, lesson_id: str | None = None) -> dict[str, int]:
        """Erase one lesson's records, or everything; returns how many of each were erased."""
        def work(conn: sqlite3.Connection) -> dict[str, int]:
            where, args = ("WHERE lesson_id = ?", (lesson_id,)) if lesson_id else ("", ())
            # attempt_results go with their attempts (ON DELETE CASCADE).
            return {key: conn.execute(f"DELETE FROM {table} {where}", args).rowcount
                    for key, table in _TABLES.items()}

        return self._transact(_("erase progress"), work, None, write=True, strict=True)


def open_store(data_dir: Path | None = None) -> ProgressStore:
    """The progress store in `data_dir` (default: dltutor.settings.data_dir()). Never raises:
    a corrupt file is moved aside and replaced; an unusable folder gives a store that saves
    nothing. Either way `store.warning` says what happened."""
    if data_dir is None:
        from dltutor.settings import data_dir as default_dir

        data_dir = default_dir()
    path = Path(data_dir)
    try:
        conn, path, warning = open_database(path)
    except Exception as exc:  # the contract is "never raises": a bug here must not stop the app either
        return ProgressStore(None, path / DB_NAME, _("progress store failed to open ({error}); progress will not be "
                                                     "saved this session").format(error=f"{type(exc).__name__}: {exc}"))
    return ProgressStore(conn, path, warning)

