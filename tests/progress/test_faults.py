"""The store under fire: killed writers, corrupt files, unusable folders, locks, other processes."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dltutor.progress import open_store, schema
from dltutor.progress import db as progress_db
from tests.progress.helpers import attempt, run

ROOT = Path(__file__).resolve().parents[2]


def child(code: str, data: Path) -> subprocess.Popen:
    """A Python process running `code` against a store in `data`, lines on stdout."""
    prelude = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from dltutor.progress import open_store
        from tests.progress.helpers import attempt, run
        store = open_store({str(data)!r})
        assert store.enabled, store.warning
    """)
    return subprocess.Popen([sys.executable, "-c", prelude + textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def read_until(proc: subprocess.Popen, stop) -> list[str]:
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if stop(lines):
            return lines
    raise AssertionError(f"child ended early: {lines} {proc.stderr.read()}")


def test_sigkill_inside_a_transaction_keeps_every_earlier_record(tmp_path):
    proc = child("""
        store._conn.execute("PRAGMA cache_size = 1")  # spill the unfinished run into the WAL before commit
        for _ in range(5):
            print(run(store, target_met=False, n=3000), flush=True)

        class HoldCommit:  # stop just before COMMIT of the sixth run: the parent kills us there
            def __init__(self, conn): self.conn = conn
            def __getattr__(self, name): return getattr(self.conn, name)
            def execute(self, sql, *args):
                if sql == "COMMIT":
                    print("holding", flush=True)
                    time.sleep(60)
                return self.conn.execute(sql, *args)

        print(os.path.getsize(store.path.with_name("progress.sqlite3-wal")), flush=True)
        store._conn = HoldCommit(store._conn)
        run(store, target_met=True, n=3000)
    """, tmp_path)
    try:
        lines = read_until(proc, lambda ls: ls[-1] == "holding")
        wal_before = int(lines[-2])
        assert (tmp_path / "progress.sqlite3-wal").stat().st_size > wal_before  # half a run really is on disk
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    store = open_store(tmp_path)
    assert store.enabled and store.warning is None  # passed quick_check, nothing moved aside
    assert [r["id"] for r in store.runs("a")] == [int(x) for x in lines[:5]] == [1, 2, 3, 4, 5]
    assert "exercise_done" not in store.marks("a").get("a", {})  # the sixth run's mark died with it
    assert run(store, target_met=True) == 6


def test_sigkill_at_a_random_moment(tmp_path):
    proc = child("""
        while True:
            print(attempt(store, passed=True), flush=True)
    """, tmp_path)
    try:
        printed = read_until(proc, lambda ls: len(ls) >= 30)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    store = open_store(tmp_path)
    assert store.warning is None
    saved = {a["id"] for a in store.attempts("a")}
    assert {int(x) for x in printed} <= saved
    assert all(len(a["results"]) == 2 for a in store.attempts("a"))  # no attempt without its results


def test_garbage_file_is_moved_aside_and_a_fresh_db_started(tmp_path):
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"this is not a database, just bytes " * 100)
    store = open_store(tmp_path)
    assert store.enabled
    [backup] = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert backup.read_bytes().startswith(b"this is not a database")
    assert "was corrupt" in store.warning and backup.name in store.warning and "fresh" in store.warning
    assert attempt(store) == 1 and len(store.attempts("a")) == 1


@pytest.mark.parametrize("where", ["table roots", "one run's page"])
def test_damaged_pages_are_detected(tmp_path, where):
    with open_store(tmp_path) as store:
        for _ in range(20):
            run(store, n=500)
        uid = store.runs("a", curves=False)[10]["uid"]
    db = tmp_path / "progress.sqlite3"
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Pages 2-4 hold table roots, which any query trips over; a page of run data is read
    # by nothing at open, so only the integrity check at open finds it.
    start = page if where == "table roots" else data.index(uid.encode()) // page * page
    data[start:start + page] = os.urandom(page)
    db.write_bytes(bytes(data))
    store = open_store(tmp_path)
    assert store.enabled and "was corrupt" in store.warning
    assert store.runs("a") == [] and len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 1
    # a second corrupt file on the same second gets its own backup name
    store.close()
    db.write_bytes(b"x" * 4096)
    assert "was corrupt" in open_store(tmp_path).warning
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 2


def test_corrupt_file_already_replaced_by_another_process_is_kept(tmp_path, monkeypatch):
    (tmp_path / "progress.sqlite3").write_bytes(b"garbage" * 1000)
    real_connect, raced = progress_db.connect, []

    def racing_connect(path):
        if raced:
            return real_connect(path)
        raced.append(True)  # we saw the corrupt file; meanwhile the TUI starts and replaces it
        with open_store(tmp_path) as other:
            assert "was corrupt" in other.warning
            attempt(other)
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(progress_db, "connect", racing_connect)
    store = open_store(tmp_path)
    assert store.enabled and store.warning is None
    assert len(store.attempts("a")) == 1  # the other process's fresh database was not moved aside
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 1


def test_data_dir_that_cannot_be_created_gives_a_store_that_saves_nothing(tmp_path):
    blocker = tmp_path / "home"
    blocker.write_text("a file where the data folder should be")  # mkdir fails even for root
    store = open_store(blocker)
    assert not store.enabled
    assert "cannot create data folder" in store.warning and str(blocker) in store.warning
    assert "not be saved" in store.warning
    assert attempt(store, passed=True) == 0 and run(store) == 0
    store.mark_lesson("a", "opened")
    assert store.attempts("a") == [] and store.best_run("a") is None and store.marks() == {}
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(tmp_path):
    tmp_path.chmod(0o500)
    try:
        store = open_store(tmp_path / "data")
        assert not store.enabled and "cannot create data folder" in store.warning
    finally:
        tmp_path.chmod(0o700)


def test_lock_held_too_long_drops_the_record_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_db, "BUSY_TIMEOUT_MS", 100)
    store = open_store(tmp_path)
    other = sqlite3.connect(tmp_path / "progress.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        assert attempt(store) == 0
        assert store.warning.startswith("could not save the quiz attempt for lesson 'a' (database is locked)")
        assert store.attempts("a") == []  # readers are not blocked in WAL mode
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert attempt(store) > 0


def test_concurrent_writer_processes(tmp_path):
    open_store(tmp_path).close()  # create and migrate once, as the app would have
    procs = [child(f"""
        for i in range(25):
            assert attempt(store, lesson="l{n}") > 0, store.warning
            assert run(store, lesson="shared") > 0, store.warning
        print("ok", store.warning)
    """, tmp_path) for n in range(3)]
    store = open_store(tmp_path)
    while any(p.poll() is None for p in procs):
        store.overview()  # a reader alongside (the TUI)
        time.sleep(0.01)
    for p in procs:
        out, err = p.communicate()
        assert p.returncode == 0 and out.strip() == "ok None", err
    assert [len(store.attempts(f"l{n}")) for n in range(3)] == [25, 25, 25]
    assert len(store.runs("shared", curves=False)) == 75


def test_database_from_a_newer_dltutor_is_left_alone(tmp_path):
    open_store(tmp_path).close()
    with sqlite3.connect(tmp_path / "progress.sqlite3") as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'then')")
    conn.close()
    store = open_store(tmp_path)
    assert not store.enabled and "newer dltutor" in store.warning
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_forward_migration_keeps_data(tmp_path, monkeypatch):
    with open_store(tmp_path) as store:
        attempt(store, passed=True)
    latest = schema.SCHEMA_VERSION
    v_next = (latest + 1, "runs get a note", ["ALTER TABLE runs ADD COLUMN note TEXT"])
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v_next])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", latest + 1)
    with open_store(tmp_path) as store:
        assert store.warning is None and len(store.attempts("a")) == 1
        versions = [r[0] for r in store._conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, latest + 2))
        assert "note" in [r[1] for r in store._conn.execute("PRAGMA table_info(runs)")]


def test_wal_mode_and_busy_timeout(tmp_path):
    with open_store(tmp_path) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == progress_db.BUSY_TIMEOUT_MS
