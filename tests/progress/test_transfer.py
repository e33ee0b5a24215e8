import json

import pytest

from dltutor.progress import ProgressError, TransferError, open_store
from tests.progress.helpers import attempt, run, small_course


def without_ids(records):
    return [{k: v for k, v in r.items() if k != "id"} for r in records]


@pytest.fixture
def filled(tmp_path):
    store = open_store(tmp_path / "one")
    store.mark_lesson("a", "opened")
    attempt(store, "a", passed=True, score=2.0, learner="ada")
    attempt(store, "b", score=0.5)
    run(store, "a", target_met=True, n=1200)
    return store


def test_round_trip_to_another_machine(filled, tmp_path):
    path = tmp_path / "progress.json"
    assert filled.export(path) == {"lessons": 1, "marks": 3, "attempts": 2, "runs": 1, "drill_checks": 0}
    document = json.loads(path.read_text())
    assert (document["format"], document["version"]) == ("dltutor-progress", 1)
    other = open_store(tmp_path / "two")
    assert other.import_(path) == {"attempts": 2, "runs": 1, "drill_checks": 0}
    assert other.marks() == filled.marks()
    for lesson in ("a", "b"):
        assert without_ids(other.attempts(lesson)) == without_ids(filled.attempts(lesson))
        assert without_ids(other.runs(lesson)) == without_ids(filled.runs(lesson))
    assert other.best_run("a")["curve_lengths"] == {"loss": 1200, "val_acc": 3}


def test_import_twice_adds_nothing_and_merges_with_local_records(filled, tmp_path):
    path = tmp_path / "p.json"
    filled.export(path)
    other = open_store(tmp_path / "two")
    attempt(other, "a")
    other.mark_lesson("a", "opened")  # later than the exported one
    local_opened = other.marks("a")["a"]["opened"]
    other.import_(path)
    assert other.import_(path) == {"attempts": 0, "runs": 0, "drill_checks": 0}
    assert len(other.attempts("a")) == 2
    opened = other.marks("a")["a"]["opened"]
    assert opened["first_at"] == filled.marks("a")["a"]["opened"]["first_at"]
    assert opened["last_at"] == local_opened["last_at"]


def test_export_is_strict_json_even_with_nan(tmp_path):
    store = open_store(tmp_path)
    store.record_run("a", "a", {}, "cpu", {"loss": float("nan")}, False, 1.0, {"loss": [float("inf")]})
    store.export(tmp_path / "p.json")
    text = (tmp_path / "p.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-standard constant {c}"))


@pytest.mark.parametrize("content, message", [
    ("{not json", "p.json:1: not valid JSON"),
    ('{"format": "something else"}', "not a dltutor progress export"),
    ('{"format": "dltutor-progress", "version": 7, "lessons": [], "attempts": [], "runs": []}',
     "export version 7 is newer"),
    ('{"format": "dltutor-progress", "version": 1, "lessons": [], "attempts": []}', "runs: expected a list"),
])
def test_bad_files_are_named_errors(tmp_path, content, message):
    path = tmp_path / "p.json"
    path.write_text(content)
    with pytest.raises(TransferError, match=message):
        open_store(tmp_path / "s").import_(path)


def test_one_bad_record_imports_nothing(filled, tmp_path):
    path = tmp_path / "p.json"
    filled.export(path)
    document = json.loads(path.read_text())
    document["runs"][0]["duration_s"] = "long"
    path.write_text(json.dumps(document))
    other = open_store(tmp_path / "two")
    with pytest.raises(TransferError, match=r"runs\[0\]\.duration_s: expected number, got 'long'"):
        other.import_(path)
    assert other.counts() == {"marks": 0, "attempts": 0, "runs": 0, "drill_checks": 0}


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path).import_(tmp_path / "absent.json")


def test_maintenance_on_a_disabled_store_raises(tmp_path):
    (tmp_path / "home").write_text("")
    store = open_store(tmp_path / "home")
    with pytest.raises(ProgressError, match="cannot create data folder"):
        store.export(tmp_path / "p.json")
    with pytest.raises(ProgressError):
        store.reset()
    assert not (tmp_path / "p.json").exists()


def test_drill_checks_travel_and_older_exports_still_import(filled, tmp_path):
    filled.record_drill_check("a-drill", "a", "failed", 0.1, "check_small")
    filled.record_drill_check("a-drill", "a", "passed", 0.2)
    path = tmp_path / "p.json"
    assert filled.export(path)["drill_checks"] == 2
    other = open_store(tmp_path / "two")
    assert other.import_(path)["drill_checks"] == 2 and other.import_(path)["drill_checks"] == 0
    assert other.drills() == filled.drills()
    assert other.drills()["a-drill"]["passed"] and other.drills()["a-drill"]["checks"] == 2
    progress = {p.id: p for p in other.summary(small_course(tmp_path / "course"))}
    assert progress["a"].drills_passed == ["a-drill"] and progress["b"].drills_passed == []
    document = json.loads(path.read_text())
    del document["drill_checks"]  # written before drills existed
    path.write_text(json.dumps(document))
    assert open_store(tmp_path / "three").import_(path)["drill_checks"] == 0

