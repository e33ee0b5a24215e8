"""What the records mean: a lesson's status, the best run, the recommended next lesson.

A lesson is **done** when its quiz is passed and its exercise target has been met
(a lesson with no exercise needs only the quiz). Statuses, from least to most:

  not started   nothing recorded
  reading       opened or read, or tried the quiz or the exercise without success yet
  quiz passed   quiz passed, exercise target not yet met
  exercise done exercise target met, quiz not yet passed
  done          both
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from dltutor.i18n import N_, _

NOT_STARTED, READING, QUIZ_PASSED, EXERCISE_DONE, DONE = (
    "not started", "reading", "quiz passed", "exercise done", "done")
STATUSES = (NOT_STARTED, READING, QUIZ_PASSED, EXERCISE_DONE, DONE)
# The statuses are values for programs (JSON); people read them in their language.
_STATUS_TEXT = {NOT_STARTED: N_("not started"), READING: N_("reading"), QUIZ_PASSED: N_("quiz passed"),
                EXERCISE_DONE: N_("exercise done"), DONE: N_("done")}


def status_text(status: str) -> str:
    """A lesson status (one of STATUSES) in the current language; an unknown one as it is."""
    return _(_STATUS_TEXT[status]) if status in _STATUS_TEXT else status


@dataclass(frozen=True)
class LessonProgress:
    id: str
    title: str
    status: str  # one of STATUSES
    best_score: float | None  # points of the best quiz attempt (by fraction), None if never tried
    max_score: float | None
    attempts: int
    best_run: dict[str, Any] | None  # without curves; store.best_run(id) has them
    runs: int = 0
    requires: list[str] = field(default_factory=list)
    marks: dict[str, dict[str, str]] = field(default_factory=dict)  # mark -> {"first_at", "last_at"}
    drills_passed: list[str] = field(default_factory=list)  # ids of the lesson's drills passed at least once

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def best_fraction(self) -> float | None:
        return None if self.best_score is None or not self.max_score else self.best_score / self.max_score

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "best_fraction": self.best_fraction}


def lesson_status(marks: dict[str, Any], has_exercise: bool, tried: bool = False) -> str:
    quiz = "quiz_passed" in marks
    exercise = "exercise_done" in marks or not has_exercise
    if quiz and exercise:
        return DONE
    if quiz:
        return QUIZ_PASSED
    if "exercise_done" in marks:
        return EXERCISE_DONE
    return READING if marks or tried else NOT_STARTED


# Metric names whose direction is known: the first one a run has is what "best" compares.
_HIGHER = ("acc", "f1", "auc")
_LOWER = ("loss", "error", "mse")


def headline_metric(metrics: dict[str, Any]) -> tuple[str, int] | None:
    """(metric name, +1 if higher is better else -1), preferring validation/test over training."""
    names = sorted(metrics, key=lambda n: n.lower().startswith("train"))  # stable: keeps the run's order
    for words, sign in ((_HIGHER, 1), (_LOWER, -1)):
        for name in names:
            if isinstance(metrics[name], (int, float)) and any(w in name.lower() for w in words):
                return name, sign
    return None


def best_run_of(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The run to beat: target met beats not met; then the better headline metric (accuracy-like
    higher, loss-like lower, compared only between runs of the same exercise); then the latest."""
    if not runs:
        return None
    same = [r for r in runs if r["exercise"] == runs[-1]["exercise"]]
    head = headline_metric(same[-1]["metrics"])

    def key(run: dict[str, Any]) -> tuple:
        value = run["metrics"].get(head[0]) if head else None
        score = value * head[1] if isinstance(value, (int, float)) else float("-inf")  # NaN runs were stored as None
        return (run["target_met"], score, run["id"])

    return max(same, key=key)


def summarize(course, overview: dict[str, dict[str, Any]]) -> list[LessonProgress]:
    out = []
    for lesson in course.lessons:
        record = overview.get(lesson.id, {})
        marks, runs, best = record.get("marks", {}), record.get("runs", []), record.get("best_attempt")
        out.append(LessonProgress(
            id=lesson.id, title=lesson.title,
            status=lesson_status(marks, lesson.meta.exercise is not None,
                                 bool(record.get("attempts") or runs or record.get("drills_passed"))),
            best_score=best["score"] if best else None, max_score=best["max_score"] if best else None,
            attempts=record.get("attempts", 0), best_run=best_run_of(runs), runs=len(runs),
            requires=list(lesson.meta.requires), marks=marks, drills_passed=sorted(record.get("drills_passed", [])),
        ))
    return out


def recommend(course, progress: list[LessonProgress]) -> str | None:
    """First lesson in roadmap order whose prerequisites are all done and that is not done itself."""
    done = {p.id for p in progress if p.done}
    for lesson in course.lessons:
        if lesson.id not in done and all(r in done for r in lesson.meta.requires):
            return lesson.id
    return None
