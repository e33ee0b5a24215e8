"""Which exercise belongs to which lesson. Modules are imported only when asked for."""

from __future__ import annotations

import importlib

from dltutor.lab.exercise import Exercise

EXERCISES = ("concepts", "activations", "backprop", "cnn", "rnn", "attention", "gan", "framework", "distributed",
             "workflow")


def get_exercise(exercise_id: str) -> Exercise:
    if exercise_id not in EXERCISES:
        raise KeyError(exercise_id)
    return importlib.import_module(f"dltutor.lab.exercises.{exercise_id}").EXERCISE
