"""The runner: learner code runs in a limited child process, and nothing it does reaches dltutor."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from dltutor.drills.runner import Runner, Task

from tests.drills.conftest import FIXTURE_BANK

CHECKS = FIXTURE_BANK / "concepts" / "fx-double" / "checks.py"
GOOD = 'import torch\n\n\ndef double(x):\n    print("doubling", x.shape)\n    return 2 * x\n'


def learner(tmp_path: Path, text: str, name: str = "double.py") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def gone(pid: int) -> bool:
    """True once a process has ended (a zombie nobody reaped counts as ended: it runs nothing)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" in f.read()
    except FileNotFoundError:
        return True


def test_passing_file_with_output_captured(runner, tmp_path):
    result = runner.check(CHECKS, learner(tmp_path, GOOD))
    assert result["status"] == "passed" and result["passed"] == result["total"] == 2
    assert "doubling torch.Size([3])" in result["output"]


def test_failure_carries_case_expected_actual(runner, tmp_path):
    result = runner.check(CHECKS, learner(tmp_path, "def double(x):\n    return x + 2\n"))
    assert result["status"] == "failed"
    assert result["case"] == "x = [1, -2, 3]" and "multiply by 2" in result["advice"]
    assert result["expected"] and result["actual"]


def test_endless_loop_times_out_within_limit_plus_2s_and_others_still_run(runner, tmp_path):
    start = time.monotonic()
    result = runner.check(CHECKS, learner(tmp_path, "while True:\n    pass\n"), timeout_s=1.0)
    assert result["status"] == "timeout" and "time limit (1 s)" in result["message"]
    assert time.monotonic() - start < 1.0 + 2.0
    assert runner.check(CHECKS, learner(tmp_path, GOOD, "again.py"))["status"] == "passed"


@pytest.mark.skipif(not os.uname().sysname == "Linux", reason="RLIMIT_AS is enforced on Linux only")
def test_20_gb_allocation_is_an_out_of_memory_error(runner, tmp_path):
    code = "import torch\n\n\ndef double(x):\n    big = torch.ones(20 * 2**30, dtype=torch.uint8)\n    return 2 * x\n"
    result = runner.check(CHECKS, learner(tmp_path, code))
    assert result["status"] == "error" and "ran out of memory (line 5)" in result["message"]
    assert runner.check(CHECKS, learner(tmp_path, GOOD, "again.py"))["status"] == "passed"


@pytest.mark.parametrize(("code", "line", "words"), [
    ("def double(x):\n    return 2 * x +\n", 2, "SyntaxError"),
    ("import torch\nimport no_such_module_here\n", 2, "No module named 'no_such_module_here'"),
    ("import sys\nsys.exit(3)\n", 2, "sys.exit(3)"),
    ("def double(x):\n    raise ValueError('boom')\n", 2, "ValueError: boom"),
    ("def double(x):\n    return int(input())\n", 2, "the checks type nothing"),  # stdin is empty, never the worker's pipe
])
def test_learner_errors_name_their_line(runner, tmp_path, code, line, words):
    result = runner.check(CHECKS, learner(tmp_path, code))
    assert result["status"] == "error" and result["line"] == line, result
    assert words in result["message"] and "Traceback" not in result["message"]


def test_hard_exit_and_crash_are_reported(runner, tmp_path):
    result = runner.check(CHECKS, learner(tmp_path, "import os\nos._exit(3)\n"))
    assert result["status"] == "error" and "exit code 3" in result["message"]
    result = runner.check(CHECKS, learner(tmp_path, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"))
    assert result["status"] == "error" and "SIGSEGV" in result["message"]


def test_processes_the_learner_starts_are_killed_with_the_check(runner, tmp_path):
    pid_file = tmp_path / "pid"
    code = (f"import subprocess\np = subprocess.Popen(['sleep', '60'])\nopen({str(pid_file)!r}, 'w').write(str(p.pid))\n"
            "while True:\n    pass\n")
    result = runner.check(CHECKS, learner(tmp_path, code), timeout_s=1.0)
    assert result["status"] == "timeout"
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(pid)


def test_a_process_that_leaves_the_group_is_stopped_too(runner, tmp_path):
    pid_file = tmp_path / "pid"
    code = (f"import os\npid = os.fork()\nif pid == 0:\n    os.setsid()\n    while True:\n        pass\n"
            f"open({str(pid_file)!r}, 'w').write(str(pid))\n\n\ndef double(x):\n    return 2 * x\n")
    start = time.monotonic()
    result = runner.check(CHECKS, learner(tmp_path, code), timeout_s=5.0)
    assert result["status"] == "passed" and time.monotonic() - start < 4  # no wait for the stray's pipe
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(pid)


def test_many_in_parallel_then_cancel_then_close_leaves_nothing(runner, tmp_path):
    files = [learner(tmp_path, GOOD, f"ok{i}.py") for i in range(3)]
    loop = learner(tmp_path, "while True:\n    pass\n", "loop.py")
    got = dict(runner.check_many([Task(CHECKS, f, 5.0) for f in files], jobs=2))
    assert sorted(got) == [0, 1, 2] and all(r["status"] == "passed" for r in got.values())
    start = time.monotonic()
    results = list(runner.check_many([Task(CHECKS, loop, 30.0)] * 2, jobs=2,
                                     cancelled=lambda: time.monotonic() > start + 0.5))
    assert results == [] and time.monotonic() - start < 5
    assert runner.check(CHECKS, files[0])["status"] == "passed"  # the worker still serves
    worker = runner.worker_pid
    runner.close()
    assert gone(worker)
    assert runner.check(CHECKS, files[1])["status"] == "passed"  # and starts again when needed


def test_spawn_fallback_gives_the_same_result(tmp_path):
    with Runner(fork=False) as runner:
        result = runner.check(CHECKS, learner(tmp_path, GOOD))
    assert result["status"] == "passed" and "doubling" in result["output"]
