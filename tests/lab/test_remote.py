"""The training process and its handle: params schemas, stop by message, a process that dies or is left alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from pydantic import ValidationError

from dltutor.lab.params_schema import model_from_schema
from dltutor.lab.registry import EXERCISES, get_exercise
from dltutor.lab.remote import Trainer, TrainerError


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_params_rebuilt_from_the_schema_check_like_the_real_ones(exercise_id):
    real = get_exercise(exercise_id).Params
    rebuilt = model_from_schema(real.model_json_schema())
    assert rebuilt().model_dump() == real().model_dump()
    for name, field in real.model_fields.items():
        assert rebuilt.model_fields[name].annotation == field.annotation, name
        assert [repr(m) for m in rebuilt.model_fields[name].metadata] == [repr(m) for m in field.metadata], name
        assert rebuilt.model_fields[name].description == field.description
    with pytest.raises(ValidationError):
        rebuilt.model_validate({"no_such_knob": 1})


def test_a_schema_that_is_not_an_object_is_refused():
    with pytest.raises(ValueError, match="object schema"):
        model_from_schema({"type": "integer"})


@pytest.fixture(scope="module")
def trainer():
    trainer = Trainer(setup="tests.tui.fake_exercise:install")
    yield trainer
    trainer.close()


def test_describe_run_stop_and_a_dying_process(trainer):
    info = trainer.describe("concepts")
    assert info["title"] == "Fake exercise for tests" and "auto" in info["devices"]
    assert "fixed for tests" in info["badge"]
    events = list(trainer.run("concepts", {"steps": 10}))
    assert [e.event for e in events][0] == "started" and events[-1].event == "finished"
    assert events[-1].target_met

    started = time.monotonic()
    for event in trainer.run("concepts", {"steps": 100_000, "delay": 0.01}):
        if event.event == "step":
            trainer.stop()
        last = event
    assert last.event == "finished" and last.stopped and time.monotonic() - started < 5

    bad = list(trainer.run("concepts", {"steps": "many"}))
    assert bad[-1].event == "failed" and "steps" in bad[-1].reason
    with pytest.raises(TrainerError, match="not available"):
        trainer.describe("missing")

    trainer._process.kill()  # as the system's out-of-memory killer would
    ended = list(trainer.run("concepts", {"steps": 10}))
    assert ended[-1].event == "failed" and "training process was ended by signal" in ended[-1].reason
    assert list(trainer.run("concepts", {"steps": 10}))[-1].event == "finished"  # a new process took over


def test_the_process_ends_by_itself_when_the_app_vanishes():
    """The app is killed: the training process sees its input close and exits (no orphan keeps training)."""
    script = textwrap.dedent("""
        import time
        from dltutor.lab.remote import Trainer
        trainer = Trainer()
        trainer.start()
        print(trainer.pid, flush=True)
        time.sleep(60)
    """)
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(app.stdout.readline())
    app.kill()
    app.wait()
    deadline = time.monotonic() + 60  # the process first finishes importing torch, then reads EOF
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
