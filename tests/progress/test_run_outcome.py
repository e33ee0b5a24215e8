"""Every run that started is saved once, with how it ended: finished, stopped or failed."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.progress import open_store
from dltutor.progress.schema import MIGRATIONS
from tests.progress.helpers import run

runner = CliRunner()


def test_outcome_is_kept_and_only_a_finished_run_meets_its_target(tmp_path):
    with open_store(tmp_path) as store:
        run(store, target_met=True)
        store.record_run("a", "a", {}, "cpu", {"acc": 0.99}, True, 1.0, {}, outcome="stopped")
        store.record_run("a", "a", {}, "cpu", {}, False, 1.0, {}, outcome="failed")
        assert [(r["outcome"], r["target_met"]) for r in store.runs("a")] == [
            ("finished", True), ("stopped", False), ("failed", False)]
        with pytest.raises(ValueError, match="unknown run outcome 'crashed'"):
            store.record_run("a", "a", {}, "cpu", {}, False, 1.0, {}, outcome="crashed")


def test_runs_saved_before_outcomes_were_kept_read_as_unknown(tmp_path):
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, at TEXT)")
    for number, name, statements in MIGRATIONS[:2]:
        for sql in statements:
            conn.execute(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (number, name))
    conn.execute("INSERT INTO runs (uid, lesson_id, exercise, at, hyperparameters, device, metrics, target_met, "
                 "duration_s, curves) VALUES ('u1', 'a', 'a', 't', '{}', 'cpu', '{}', 1, 1.0, '{}')")
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:
        assert store.warning is None and store.runs("a")[0]["outcome"] is None


def test_export_and_import_carry_the_outcome_and_old_exports_still_import(tmp_path):
    with open_store(tmp_path / "one") as store:
        store.record_run("a", "a", {}, "cpu", {}, False, 1.0, {}, outcome="stopped")
        store.export(tmp_path / "p.json")
    document = json.loads((tmp_path / "p.json").read_text())
    assert document["runs"][0]["outcome"] == "stopped"
    with open_store(tmp_path / "two") as store:
        store.import_(tmp_path / "p.json")
        assert store.runs("a")[0]["outcome"] == "stopped"
    del document["runs"][0]["outcome"]
    document["runs"][0]["uid"] = "from-an-older-dltutor"
    (tmp_path / "old.json").write_text(json.dumps(document))
    with open_store(tmp_path / "two") as store:
        assert store.import_(tmp_path / "old.json")["runs"] == 1
        assert [r["outcome"] for r in store.runs("a")] == ["stopped", None]


def test_train_saves_a_failed_run_as_failed(tmp_path):
    result = runner.invoke(app, ["train", "cnn", "--dataset", "mnist", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "files not found" in " ".join(result.output.split())
    with open_store() as store:
        runs = store.runs("cnn")
    assert len(runs) == 1 and runs[0]["outcome"] == "failed" and not runs[0]["target_met"]
