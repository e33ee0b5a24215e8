"""Issue 11, second round: hostile inputs tried by someone who did not write the fixes (see the closing note).

Each test stands for a kind of input, tried through the shared reader that every command uses.
"""

import json
import os
import signal

import pytest
from typer.testing import CliRunner

from dltutor.cli import app
from tests.quiz.helpers import make_course

runner = CliRunner()
GOOD = "learner: ann\nlesson: other\nanswers: {other-q1: b, other-q2: 4}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
def test_a_fifo_in_a_class_folder_is_reported_not_waited_on(tmp_path):
    lessons = make_course(tmp_path / "lessons")
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "good.yaml").write_text(GOOD)
    os.mkfifo(klass / "pipe.yaml")  # opening it for reading would wait forever for a writer
    signal.alarm(20)  # a regression fails the test instead of hanging the suite
    try:
        result = runner.invoke(app, ["--lessons", str(lessons), "grade", "--format", "json", str(klass)])
    finally:
        signal.alarm(0)
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [r["learner"] for r in report["results"]] == ["ann"]
    [error] = report["errors"]
    assert error["file"].endswith("pipe.yaml") and "not a regular file" in error["error"]
