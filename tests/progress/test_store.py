import threading

import pytest

from dltutor.progress import LESSON_MARKS, open_store
from tests.progress.helpers import RESULTS, attempt, run, small_course


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        assert s.enabled and s.warning is None
        yield s


def test_default_location_is_settings_data_dir(tmp_path):
    store = open_store()  # conftest points DLTUTOR_HOME at tmp_path/home
    assert store.path == tmp_path / "home" / "progress.sqlite3" and store.path.exists()


def test_marks_keep_first_and_last_time(store):
    store.mark_lesson("a", "opened")
    first = store.marks("a")["a"]["opened"]
    store.mark_lesson("a", "opened")
    again = store.marks("a")["a"]["opened"]
    assert again["first_at"] == first["first_at"] and again["last_at"] >= first["last_at"]
    assert set(store.marks()) == {"a"}


def test_unknown_mark_is_a_value_error(store):
    with pytest.raises(ValueError, match="unknown lesson status 'finished'"):
        store.mark_lesson("a", "finished")
    assert LESSON_MARKS == ("opened", "read", "quiz_passed", "exercise_done")


def test_attempt_round_trips_answers_and_results(store):
    attempt_id = attempt(store, score=1.0, passed=False, learner="ada")
    assert attempt_id > 0
    [saved] = store.attempts("a")
    assert saved["id"] == attempt_id and saved["learner"] == "ada" and saved["passed"] is False
    assert saved["answers"] == {"q1": "b", "q2": 5}
    assert saved["results"] == RESULTS
    assert (saved["score"], saved["max_score"], saved["duration_s"]) == (1.0, 2.0, 12.5)
    assert "quiz_passed" not in store.marks("a").get("a", {})
    attempt(store, score=2.0, passed=True)
    assert "quiz_passed" in store.marks("a")["a"]
    assert store.attempts("b") == []


def test_bad_numbers_are_rejected_before_writing(store):
    with pytest.raises(TypeError, match="score must be a number"):
        store.record_attempt("a", {}, [], "high", 2.0, True, 1.0)
    assert store.attempts("a") == [] and store.marks() == {}


def test_run_curves_are_thinned_with_ends_kept(store):
    run_id = run(store, n=2000, target_met=True)
    best = store.best_run("a")
    assert best["id"] == run_id and best["target_met"] is True
    loss = best["curves"]["loss"]
    assert len(loss) == 500 and best["curve_lengths"] == {"loss": 2000, "val_acc": 3}
    assert loss[0] == 1.0 and loss[-1] == pytest.approx(1 / 2000, rel=1e-5)
    assert best["curves"]["val_acc"] == [0.9, 0.9, 0.9]
    assert "exercise_done" in store.marks("a")["a"]


def test_nan_metrics_are_stored_as_null(store):
    store.record_run("a", "a", {}, "cpu", {"train_loss": float("nan")}, False, 1.0, {"loss": [1.0, float("inf")]})
    [saved] = store.runs("a")
    assert saved["metrics"] == {"train_loss": None} and saved["curves"]["loss"] == [1.0, None]


def test_best_run_prefers_target_met_then_headline_metric(store):
    run(store, acc=0.99, target_met=False)
    good = run(store, acc=0.93, target_met=True)
    run(store, acc=0.91, target_met=True)
    assert store.best_run("a")["id"] == good
    better = run(store, acc=0.95, target_met=True)
    assert store.best_run("a", curves=False)["id"] == better
    assert "curves" not in store.best_run("a", curves=False)
    assert store.best_run("nothing") is None


def test_best_run_lower_loss_wins_when_no_accuracy(store):
    for loss in (0.5, 0.1, 0.3):
        store.record_run("a", "a", {}, "cpu", {"val_loss": loss}, True, 1.0, {})
    assert store.best_run("a")["metrics"] == {"val_loss": 0.1}


def test_status_and_recommended_next(store, tmp_path):
    course = small_course(tmp_path / "lessons")
    status = lambda: {p.id: p.status for p in store.summary(course)}  # noqa: E731
    assert set(status().values()) == {"not started"} and store.recommended_next(course) == "a"
    store.mark_lesson("a", "opened")
    assert status()["a"] == "reading"
    attempt(store, "a", passed=True, score=2.0)
    assert status()["a"] == "quiz passed" and store.recommended_next(course) == "a"
    run(store, "a", target_met=True)
    assert status()["a"] == "done" and store.recommended_next(course) == "b"
    run(store, "b", target_met=True)
    assert status()["b"] == "exercise done" and store.recommended_next(course) == "b"
    attempt(store, "b", passed=True)
    assert store.recommended_next(course) == "c"  # d still needs c
    attempt(store, "c", passed=True)
    run(store, "c", target_met=True)
    assert store.recommended_next(course) == "d"
    attempt(store, "d", passed=True)  # no exercise: the quiz is enough
    assert status()["d"] == "done" and store.recommended_next(course) is None


def test_summary_numbers(store, tmp_path):
    course = small_course(tmp_path / "lessons")
    attempt(store, "a", score=1.0)
    attempt(store, "a", score=2.0, passed=True)
    attempt(store, "a", score=0.0)
    run(store, "b", acc=0.5)
    a, b = store.summary(course)[:2]
    assert (a.attempts, a.best_score, a.max_score, a.best_fraction) == (3, 2.0, 2.0, 1.0)
    assert a.best_run is None and a.requires == []
    assert b.status == "reading" and b.runs == 1 and b.best_run["metrics"]["val_acc"] == 0.5
    assert b.to_dict()["best_fraction"] is None and b.requires == ["a"]


def test_reset_one_lesson_then_all(store):
    attempt(store, "a", passed=True)
    run(store, "a", target_met=True)
    attempt(store, "b")
    assert store.reset("a") == {"marks": 2, "attempts": 1, "runs": 1, "drill_checks": 0}
    assert store.attempts("a") == [] and store.runs("a") == [] and store.marks("a") == {}
    assert len(store.attempts("b")) == 1
    assert store.reset() == {"marks": 0, "attempts": 1, "runs": 0, "drill_checks": 0}
    assert store.counts() == {"marks": 0, "attempts": 0, "runs": 0, "drill_checks": 0}
    # attempt_results went with their attempts (foreign key cascade)
    assert store._conn.execute("SELECT COUNT(*) FROM attempt_results").fetchone()[0] == 0


def test_worker_thread_writes_while_ui_thread_reads(store, tmp_path):
    course = small_course(tmp_path / "lessons")
    errors = []

    def worker():
        try:
            for i in range(60):
                run(store, "a", acc=i / 100, target_met=i % 2 == 0)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    t = threading.Thread(target=worker)
    t.start()
    reads = 0
    while t.is_alive() or reads < 5:
        store.summary(course)
        store.best_run("a")
        reads += 1
    t.join()
    assert errors == [] and store.warning is None
    assert len(store.runs("a", curves=False)) == 60
    assert store.best_run("a")["metrics"]["val_acc"] == 0.58


def test_closed_store_records_nothing(tmp_path):
    store = open_store(tmp_path)
    store.close()
    assert store.record_run("a", "a", {}, "cpu", {}, True, 1.0, {}) == 0
    assert store.runs("a") == []
