"""A small course with a prerequisite graph, and record helpers for progress tests."""

from pathlib import Path

from dltutor.content import load_course
from tests.content.helpers import GOOD_MD, make_lesson

NO_EXERCISE_MD = GOOD_MD.replace("exercise: {id}\n", "")


def small_course(root: Path):
    """a -> b, a -> c, b + c -> d (no exercise)."""
    make_lesson(root, "1-a", "a", order=1)
    make_lesson(root, "2-b", "b", order=2, requires="a")
    make_lesson(root, "3-c", "c", order=3, requires="a")
    make_lesson(root, "4-d", "d", md=NO_EXERCISE_MD.format(id="d", order=4, requires="b, c"))
    course = load_course(root)
    assert course.ok, course.problems
    return course


RESULTS = [{"id": "q1", "status": "correct", "points": 1.0, "max_points": 1.0},
           {"id": "q2", "status": "wrong", "points": 0.0, "max_points": 1.0}]


def attempt(store, lesson="a", score=1.0, passed=False, **kw):
    return store.record_attempt(lesson, {"q1": "b", "q2": 5}, RESULTS, score, 2.0, passed, 12.5, **kw)


def run(store, lesson="a", acc=0.9, target_met=False, n=50, exercise=None):
    return store.record_run(lesson, exercise or lesson, {"lr": 0.1, "epochs": 3}, "cpu",
                            {"train_loss": 0.2, "val_acc": acc}, target_met, 4.0,
                            {"loss": [1.0 / (i + 1) for i in range(n)], "val_acc": [acc] * 3})
