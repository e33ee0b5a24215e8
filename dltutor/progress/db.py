"""Opening the SQLite file safely: WAL, busy timeout, integrity check, corrupt files moved aside.

The store must never take the app down, so every way opening can fail is sorted
into one of three outcomes: a working connection, a fresh database after the
corrupt one was moved aside, or no database at all (with a warning saying why).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from dltutor.i18n import _
from dltutor.i18n.oserror import os_reason
from dltutor.progress.schema import NewerSchema, migrate

DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 5000

# SQLite primary result codes (https://sqlite.org/rescode.html).
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
# BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL: the world, not a bug.
_ENVIRONMENT_CODES = {5, 6, 7, 8, 10, 13, 14, 15} | _CORRUPT_CODES
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt")


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    return None if code is None else code & 0xFF


def is_corruption(exc: BaseException) -> bool:
    if _code(exc) is not None:
        return _code(exc) in _CORRUPT_CODES
    return isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in _CORRUPT_WORDS)


def is_environmental(exc: BaseException) -> bool:
    """Errors the world causes (locked, read-only, disk full, I/O, corrupt), as opposed to bugs in SQL."""
    if _code(exc) is not None:
        return _code(exc) in _ENVIRONMENT_CODES
    return isinstance(exc, sqlite3.OperationalError) or is_corruption(exc)


def connect(path: Path) -> sqlite3.Connection:
    # One connection shared by threads behind the store's lock; autocommit mode, so
    # every transaction is an explicit BEGIN ... COMMIT.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL survives a killed process (commits are in the OS's hands);
        # a power cut may lose the last commit, which is fine for a learner's record.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check})")
        migrate(conn)
        # Prove we may write (a read-only file or folder opens fine and fails only on write).
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except BaseException:
        conn.close()
        raise
    return conn


class ReadOnlyConnection(sqlite3.Connection):
    """A connection opened for reading only (see connect_read_only): the store saves nothing through it."""


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads, for a record we cannot write now (a read-only file or folder, or another
    program holding the write lock): the learner still sees and can export it. Raises sqlite3.Error."""
    uri = path.resolve().as_uri()
    queries = ["mode=ro"]
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # In a folder we cannot write, SQLite cannot create WAL's shared-memory file; nobody else can write
        # there either, so reading the file as immutable is safe.
        queries.append("immutable=1")
    for query in queries:
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False, factory=ReadOnlyConnection)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
            if query == queries[-1]:
                raise
    raise AssertionError("unreachable")


def move_aside(path: Path) -> Path:
    """Rename a corrupt database (and its -wal/-shm) to a timestamped backup; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, backup)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, backup.with_name(backup.name + suffix))
    return backup


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_database(data_dir: Path) -> tuple[sqlite3.Connection | None, Path, str | None]:
    """(connection or None, database path, warning or None). Never raises for environmental faults."""
    path = data_dir / DB_NAME
    not_saved = _("progress will not be saved this session")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return None, path, _("cannot create data folder {folder} ({reason}); {consequence}").format(
            folder=data_dir, reason=os_reason(exc), consequence=not_saved)
    found = _identity(path)
    try:
        return connect(path), path, None
    except NewerSchema as exc:
        return None, path, _("progress database {path} was written by a newer dltutor ({reason}); {consequence}").format(
            path=path, reason=exc, consequence=not_saved)
    except sqlite3.Error as exc:
        if not is_corruption(exc):
            return _read_only(path, exc, not_saved)
        reason = exc
    try:
        if _identity(path) != found:  # another dltutor process has replaced it already (and said so)
            return connect(path), path, None
        backup = move_aside(path)
        conn = connect(path)
    except (OSError, sqlite3.Error, NewerSchema) as exc:
        return None, path, _("progress database {path} is corrupt ({reason}) and could not be replaced ({error}); "
                             "{consequence}").format(path=path, reason=reason, error=exc, consequence=not_saved)
    return conn, path, _("progress database {path} was corrupt ({reason}); moved it to {backup} and started a fresh "
                         "one").format(path=path, reason=reason, backup=backup.name)


def _read_only(path: Path, why: sqlite3.Error, not_saved: str) -> tuple[sqlite3.Connection | None, Path, str]:
    """Fall back to reading: the record on disk is intact, only saving is impossible."""
    if not path.is_file():
        return None, path, _("cannot use progress database {path} ({reason}); {consequence}").format(
            path=path, reason=why, consequence=not_saved)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error:
        return None, path, _("cannot use progress database {path} ({reason}); {consequence}").format(
            path=path, reason=why, consequence=not_saved)
    return conn, path, _("cannot write progress database {path} ({reason}): showing your record read-only; "
                         "{consequence}").format(path=path, reason=why, consequence=not_saved)
