"""Run an exercise on a tiny budget and check the shape every event stream must have."""

from __future__ import annotations

import json
import threading

from dltutor.lab.events import Epoch, Finished, Sample, Started, Step, to_dict
from dltutor.lab.exercise import run
from dltutor.lab.registry import get_exercise


def stream(exercise_id: str, stop: threading.Event | None = None, **params):
    return run(get_exercise(exercise_id), params, device="cpu", stop=stop, seed=0)


def collect(exercise_id: str, stop: threading.Event | None = None, **params) -> list:
    return list(stream(exercise_id, stop, **params))


def check_shape(events: list, exercise_id: str) -> Finished:
    """Started first, Finished last, steps counting up, and every event plain JSON (no tensors)."""
    assert isinstance(events[0], Started) and events[0].exercise == exercise_id
    assert isinstance(events[-1], Finished), events[-1]
    assert all(isinstance(e, (Step, Epoch, Sample)) for e in events[1:-1])
    steps = [e.step for e in events if isinstance(e, Step)]
    assert steps and steps == sorted(steps) and len(set(steps)) == len(steps)
    for event in events:
        json.dumps(to_dict(event), allow_nan=False)
    return events[-1]


def series(events: list, name: str) -> list[float]:
    return [e.values[name] for e in events if isinstance(e, Step) and name in e.values]


def samples(events: list, kind: str) -> list[Sample]:
    return [e for e in events if isinstance(e, Sample) and e.kind == kind]


def stopped_at_first_step(exercise_id: str, **params) -> list:
    """Run the exercise and set its stop flag as soon as the first Step arrives, as a learner pressing Stop."""
    stop = threading.Event()
    events = []
    for event in stream(exercise_id, stop, **params):
        events.append(event)
        if isinstance(event, Step):
            stop.set()
    return events
