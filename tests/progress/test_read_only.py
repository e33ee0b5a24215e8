"""A record we cannot write (locked by another program, read-only file) is still shown and exported."""

import json
import os
import sqlite3
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.progress import ProgressError, open_store
from dltutor.progress import db as progress_db
from tests.progress.helpers import attempt, run, small_course

runner = CliRunner()


@contextmanager
def write_lock(path):
    """Another program in the middle of a long write transaction."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """A record with one quiz attempt and one run for lesson 'a'; short lock timeouts."""
    monkeypatch.setattr(progress_db, "BUSY_TIMEOUT_MS", 100)
    home = tmp_path / "home"
    with open_store(home) as store:
        assert attempt(store) > 0 and run(store, target_met=True) > 0
    return home


def test_locked_database_opens_read_only_with_the_real_record(saved, tmp_path):
    with write_lock(saved / "progress.sqlite3"), open_store(saved) as store:
        assert store.enabled and not store.writable
        assert "read-only" in store.warning and "database is locked" in store.warning
        assert len(store.attempts("a")) == 1 and len(store.runs("a")) == 1
        assert store.export(tmp_path / "out.json")["attempts"] == 1
        assert attempt(store) == 0 and run(store) == 0  # nothing saved, nothing raised
        with pytest.raises(ProgressError, match="read-only"):
            store.reset()
        with pytest.raises(ProgressError):
            store.import_(tmp_path / "out.json")
    with open_store(saved) as store:  # the lock is gone: everything is still there, and writable again
        assert store.writable and store.counts() == {"marks": 1, "attempts": 1, "runs": 1, "drill_checks": 0}


def test_read_only_database_file_is_read(saved, monkeypatch):
    def refuse(path):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(progress_db, "connect", refuse)
    with open_store(saved) as store:
        assert not store.writable and "attempt to write a readonly database" in store.warning
        assert store.overview()["a"]["attempts"] == 1


def test_no_database_at_all_still_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_db, "connect", lambda path: (_ for _ in ()).throw(sqlite3.OperationalError("nope")))
    with open_store(tmp_path / "fresh") as store:
        assert not store.enabled and "progress will not be saved" in store.warning


def test_progress_command_and_export_while_another_program_holds_the_lock(saved, tmp_path, monkeypatch):
    course = small_course(tmp_path / "lessons")
    monkeypatch.setenv("DLTUTOR_LESSONS", str(course.root))
    monkeypatch.setenv("DLTUTOR_HOME", str(saved))
    with write_lock(saved / "progress.sqlite3"):
        shown = runner.invoke(app, ["progress", "--json"])
        assert shown.exit_code == 0, shown.output
        data = json.loads(shown.stdout)
        lesson_a = next(lesson for lesson in data["lessons"] if lesson["id"] == "a")
        assert lesson_a["attempts"] == 1 and data["saving"] is False and "read-only" in data["warning"]
        exported = runner.invoke(app, ["progress", "export", str(tmp_path / "p.json")])
        assert exported.exit_code == 0, exported.output
        assert json.loads((tmp_path / "p.json").read_text())["attempts"]
        reset = runner.invoke(app, ["progress", "reset", "--yes"])
        assert reset.exit_code == 1 and "cannot erase" in reset.output
    assert os.path.getsize(saved / "progress.sqlite3") > 0
