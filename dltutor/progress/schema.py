"""The database schema as numbered forward migrations.

A database records which migrations it has had in `schema_migrations`; opening
it applies the missing ones, in order, in one transaction. Never edit a shipped
migration: add the next number.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from dltutor.i18n import _

LESSON_MARKS = ("opened", "read", "quiz_passed", "exercise_done")

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "lessons, quiz attempts, training runs", [
        f"""CREATE TABLE lesson_marks (
            lesson_id TEXT NOT NULL,
            mark TEXT NOT NULL CHECK (mark IN {LESSON_MARKS!r}),
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            PRIMARY KEY (lesson_id, mark))""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            lesson_id TEXT NOT NULL,
            learner TEXT,
            at TEXT NOT NULL,
            score REAL NOT NULL,
            max_score REAL NOT NULL,
            passed INTEGER NOT NULL,
            duration_s REAL NOT NULL,
            answers TEXT NOT NULL)""",
        """CREATE TABLE attempt_results (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            PRIMARY KEY (attempt_id, position))""",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            lesson_id TEXT NOT NULL,
            exercise TEXT NOT NULL,
            at TEXT NOT NULL,
            hyperparameters TEXT NOT NULL,
            device TEXT NOT NULL,
            metrics TEXT NOT NULL,
            target_met INTEGER NOT NULL,
            duration_s REAL NOT NULL,
            curves TEXT NOT NULL)""",
        "CREATE INDEX attempts_by_lesson ON attempts (lesson_id)",
        "CREATE INDEX runs_by_lesson ON runs (lesson_id)",
    ]),
    (2, "drill checks", [
        # One row per `dltutor drill check` of one drill (CLI, watch or app): the history
        # behind "drills passed". status: passed, failed, error, timeout.
        """CREATE TABLE drill_checks (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            drill_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            passed INTEGER NOT NULL,
            check_name TEXT,
            duration_s REAL NOT NULL)""",
        "CREATE INDEX drill_checks_by_lesson ON drill_checks (lesson_id)",
    ]),
    (3, "how a run ended", [
        # finished (ran to its end: target_met says how it went), stopped (by the learner: Stop, Esc,
        # quitting, Ctrl-C), failed (diverged, bad data, a dead worker …). NULL: saved before this was kept.
        "ALTER TABLE runs ADD COLUMN outcome TEXT",
    ]),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
RUN_OUTCOMES = ("finished", "stopped", "failed")  # runs.outcome


class NewerSchema(Exception):
    """The database was written by a newer dltutor; this one must not touch it."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not has_table:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def _check(version: int) -> int:
    if version > SCHEMA_VERSION:
        raise NewerSchema(_("its schema version {version} is newer than this dltutor knows ({known})").format(
            version=version, known=SCHEMA_VERSION))
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION (connection in autocommit mode); returns the version."""
    if _check(current_version(conn)) == SCHEMA_VERSION:  # the common case: no write lock taken
        return SCHEMA_VERSION
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
        version = _check(current_version(conn))  # again, under the lock: another process may have migrated
        for number, name, statements in MIGRATIONS:
            if number > version:
                for sql in statements:
                    conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, now()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION
