"""Export and import: the whole record as one versioned JSON file, to move between machines.

Importing merges: attempts and runs carry a unique id (uid), so importing the
same file twice adds nothing; for lesson marks the earliest first time and the
latest last time win. The file is checked completely before anything is written.
"""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path
from typing import Any

from dltutor import strict_json
from dltutor.atomic_file import write_text
from dltutor.i18n import N_, _
from dltutor.progress import records
from dltutor.progress.compact import dumps
from dltutor.progress.schema import LESSON_MARKS, SCHEMA_VERSION, now

FORMAT = "dltutor-progress"
VERSION = 1


class TransferError(ValueError):
    """An import file that is not a valid dltutor progress export; the message says where."""


_JSON_COLUMNS = {"answers", "hyperparameters", "metrics", "curves"}


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    return [{n: (json.loads(v) if n in _JSON_COLUMNS else v) for n, v in zip(names, row)} for row in cur]


def to_document(conn: sqlite3.Connection) -> dict[str, Any]:
    attempts = _rows(conn, "SELECT * FROM attempts ORDER BY id")
    for attempt in attempts:
        attempt["results"] = _rows(conn, f"SELECT question_id AS id, status, points, max_points FROM attempt_results "
                                         f"WHERE attempt_id = {int(attempt['id'])} ORDER BY position")
    runs = _rows(conn, "SELECT * FROM runs ORDER BY id")
    drill_checks = _rows(conn, "SELECT * FROM drill_checks ORDER BY id")
    for check in drill_checks:
        check["passed"] = bool(check["passed"])
    for record in attempts + runs + drill_checks:
        del record["id"]  # local row ids mean nothing on another machine; uid identifies
    for attempt in attempts:
        attempt["passed"] = bool(attempt["passed"])
    for run in runs:
        run["target_met"] = bool(run["target_met"])
    return {
        "format": FORMAT, "version": VERSION, "schema": SCHEMA_VERSION, "exported_at": now(),
        "lessons": _rows(conn, "SELECT * FROM lesson_marks ORDER BY lesson_id, mark"),
        "attempts": attempts, "runs": runs, "drill_checks": drill_checks,
    }


def counts(document: dict[str, Any]) -> dict[str, int]:
    return {"lessons": len({m["lesson_id"] for m in document["lessons"]}), "marks": len(document["lessons"]),
            "attempts": len(document["attempts"]), "runs": len(document["runs"]),
            "drill_checks": len(document.get("drill_checks", []))}


def write(path: Path, document: dict[str, Any]) -> None:
    """Write atomically: a crash mid-export never leaves half a file under the final name."""
    write_text(path, json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n")


# -- reading and checking -------------------------------------------------------------

# What each field must hold, in words (translated where a message shows them).
_STR, _NUM, _BOOL, _DICT, _LIST = N_("text"), N_("number"), N_("true/false"), N_("object"), N_("list")
_OPTIONAL_STR = N_("text or null")


def _is(kind: str, value: Any) -> bool:
    return {
        _STR: lambda v: isinstance(v, str) and v != "",
        _OPTIONAL_STR: lambda v: v is None or isinstance(v, str),
        _NUM: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
        _BOOL: lambda v: isinstance(v, bool),
        _DICT: lambda v: isinstance(v, dict),
        _LIST: lambda v: isinstance(v, list),
    }[kind](value)


_FIELDS = {
    "lessons": {"lesson_id": _STR, "mark": _STR, "first_at": _STR, "last_at": _STR},
    "attempts": {"uid": _STR, "lesson_id": _STR, "learner": _OPTIONAL_STR, "at": _STR, "score": _NUM,
                 "max_score": _NUM, "passed": _BOOL, "duration_s": _NUM, "answers": _DICT, "results": _LIST},
    "runs": {"uid": _STR, "lesson_id": _STR, "exercise": _STR, "at": _STR, "hyperparameters": _DICT,
             "device": _STR, "metrics": _DICT, "target_met": _BOOL, "duration_s": _NUM, "curves": _DICT,
             "outcome": _OPTIONAL_STR},
    "results": {"id": _STR, "status": _STR, "points": _NUM, "max_points": _NUM},
    "drill_checks": {"uid": _STR, "drill_id": _STR, "lesson_id": _STR, "at": _STR, "status": _STR,
                     "passed": _BOOL, "check_name": _OPTIONAL_STR, "duration_s": _NUM},
}


def _check_records(records: Any, where: str, fields: dict[str, str]) -> None:
    if not isinstance(records, list):
        raise TransferError(_("{where}: expected a list").format(where=where))
    for i, record in enumerate(records):
        at = f"{where}[{i}]"
        if not isinstance(record, dict):
            raise TransferError(_("{where}: expected an object").format(where=at))
        for name, kind in fields.items():
            if name not in record:
                raise TransferError(_("{where}: missing '{field}'").format(where=at, field=name))
            if not _is(kind, record[name]):
                raise TransferError(_("{where}: expected {kind}, got {value}").format(
                    where=f"{at}.{name}", kind=_(kind), value=f"{record[name]!r:.60}"))


def check(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError(_("not a dltutor progress export (expected {field})").format(
            field=f'"format": "{FORMAT}"'))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TransferError(_("missing or bad 'version'"))
    if version > VERSION:
        raise TransferError(_("export version {version} is newer than this dltutor reads ({known}); upgrade dltutor")
                            .format(version=version, known=VERSION))
    # Exports from before dltutor kept how a run ended have no "outcome": still valid (unknown).
    for run in document.get("runs") if isinstance(document.get("runs"), list) else []:
        if isinstance(run, dict):
            run.setdefault("outcome", None)
    for section in ("lessons", "attempts", "runs"):
        _check_records(document.get(section), section, _FIELDS[section])
    # Exports from before drills have no "drill_checks": still valid.
    _check_records(document.setdefault("drill_checks", []), "drill_checks", _FIELDS["drill_checks"])
    for i, mark in enumerate(document["lessons"]):
        if mark["mark"] not in LESSON_MARKS:
            raise TransferError(_("{where}: unknown mark {mark}").format(where=f"lessons[{i}].mark",
                                                                        mark=repr(mark["mark"])))
    for i, attempt in enumerate(document["attempts"]):
        _check_records(attempt["results"], f"attempts[{i}].results", _FIELDS["results"])
    for i, run in enumerate(document["runs"]):
        for name, curve in run["curves"].items():
            if not (isinstance(curve, dict) and _is(_NUM, curve.get("n")) and _is(_LIST, curve.get("y"))):
                raise TransferError(_("{where}: expected {shape}").format(
                    where=f"runs[{i}].curves.{name}", shape='{"n": number, "y": [values]}'))
    return document


MAX_EXPORT_BYTES = 50_000_000  # years of runs with their curves are a few MB; more is not an export
MAX_EXPORT_DEPTH = 64  # an export nests 6 deep; json's recursive parser fails near 1000


def _no_constant(name: str) -> None:
    raise TransferError(_("{name} is not a number a progress export can hold").format(name=name))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: stored, it would break every later JSON report
        raise TransferError(_("{text} is too large for a number in a progress export").format(text=text))
    return value


def read(path: Path) -> dict[str, Any]:
    """Read and check an export (UTF-8, a BOM or UTF-16 as Windows editors re-save it); TransferError names the file."""
    from dltutor.content.textfile import TextFileError, decode_text
    from dltutor.content.yamlio import json_depth

    with open(path, "rb") as f:  # OSError for a missing or unreadable file, as before
        raw = f.read(MAX_EXPORT_BYTES + 1)
    try:
        text = decode_text(raw, MAX_EXPORT_BYTES, what="file")
    except TextFileError as exc:
        raise TransferError(f"{path}: {exc}") from None
    if not text.strip():  # /dev/null, or a save that never finished: say so, not "Expecting value"
        raise TransferError(_("{file}: empty file, not a dltutor progress export (export again with "
                              "`dltutor progress export FILE`)").format(file=path))
    if json_depth(text) > MAX_EXPORT_DEPTH:
        raise TransferError(_("{file}: nested more than {n} levels deep: not a dltutor progress export").format(
            file=path, n=MAX_EXPORT_DEPTH))
    try:
        document = strict_json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise TransferError(_("{file}:{line}: not valid JSON ({problem})").format(
            file=path, line=exc.lineno, problem=exc.msg)) from None
    except (TransferError, strict_json.JsonError) as exc:
        raise TransferError(f"{path}: {exc}") from None
    try:
        return check(document)
    except TransferError as exc:
        raise TransferError(f"{path}: {exc}") from None


def merge(conn: sqlite3.Connection, document: dict[str, Any]) -> dict[str, int]:
    """Add what `document` has and the database lacks (inside the caller's transaction)."""
    for m in document["lessons"]:
        records.mark(conn, m["lesson_id"], m["mark"], m["first_at"])
        records.mark(conn, m["lesson_id"], m["mark"], m["last_at"])
    added = {"attempts": 0, "runs": 0, "drill_checks": 0}
    for a in document["attempts"]:
        values = (a["uid"], a["lesson_id"], a["learner"], a["at"], a["score"], a["max_score"], int(a["passed"]),
                  a["duration_s"], dumps(a["answers"]))
        results = [(r["id"], r["status"], r["points"], r["max_points"]) for r in a["results"]]
        added["attempts"] += bool(records.insert_attempt(conn, values, results))
    for r in document["runs"]:
        values = (r["uid"], r["lesson_id"], r["exercise"], r["at"], dumps(r["hyperparameters"]), r["device"],
                  dumps(r["metrics"]), int(r["target_met"]), r["duration_s"], dumps(r["curves"]), r["outcome"])
        added["runs"] += bool(records.insert_run(conn, values))
    for c in document["drill_checks"]:
        values = (c["uid"], c["drill_id"], c["lesson_id"], c["at"], c["status"], int(c["passed"]), c["check_name"],
                  c["duration_s"])
        added["drill_checks"] += bool(records.insert_drill_check(conn, values))
    return added
