"""The writes every path shares (recording, importing): one place for their SQL."""

from __future__ import annotations

import sqlite3

from dltutor.progress.schema import now

_ATTEMPT_COLUMNS = "uid, lesson_id, learner, at, score, max_score, passed, duration_s, answers"
_RUN_COLUMNS = "uid, lesson_id, exercise, at, hyperparameters, device, metrics, target_met, duration_s, curves, outcome"


def mark(conn: sqlite3.Connection, lesson_id: str, status: str, at: str | None = None) -> None:
    """Upsert a lesson mark, keeping the earliest first time and the latest last time."""
    at = at or now()
    conn.execute(
        "INSERT INTO lesson_marks VALUES (?, ?, ?, ?) ON CONFLICT (lesson_id, mark) DO UPDATE SET "
        "first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)",
        (lesson_id, status, at, at))


def insert_attempt(conn: sqlite3.Connection, values: tuple, results: list[tuple]) -> int:
    """Insert an attempt (values in _ATTEMPT_COLUMNS order) and its (id, status, points, max_points)
    results; returns its row id, or 0 when an attempt with the same uid is already there."""
    cur = conn.execute(f"INSERT OR IGNORE INTO attempts ({_ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       values)
    if not cur.rowcount:
        return 0
    conn.executemany("INSERT INTO attempt_results VALUES (?, ?, ?, ?, ?, ?)",
                     [(cur.lastrowid, i, *r) for i, r in enumerate(results)])
    return cur.lastrowid


def insert_run(conn: sqlite3.Connection, values: tuple) -> int:
    """Insert a run (values in _RUN_COLUMNS order); its row id, or 0 when its uid is already there."""
    cur = conn.execute(f"INSERT OR IGNORE INTO runs ({_RUN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
    return cur.lastrowid if cur.rowcount else 0


_DRILL_CHECK_COLUMNS = "uid, drill_id, lesson_id, at, status, passed, check_name, duration_s"


def insert_drill_check(conn: sqlite3.Connection, values: tuple) -> int:
    """Insert a drill check (values in _DRILL_CHECK_COLUMNS order); its row id, or 0 when its uid is there."""
    cur = conn.execute(f"INSERT OR IGNORE INTO drill_checks ({_DRILL_CHECK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       values)
    return cur.lastrowid if cur.rowcount else 0
