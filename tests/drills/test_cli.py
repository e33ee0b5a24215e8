"""`dltutor drill ...` as a learner and a teacher use it, on the fake bank (tests/drills/fixtures/bank)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from dltutor.cli import app

cli = CliRunner()
DOUBLE_OK = "def double(x):\n    return 2 * x\n"
DOUBLE_WRONG = "def double(x):\n    print('debug line')\n    return x + 2\n"


class SharedRunner:
    """The session's warm runner, lent to each command (closing it is the session's job)."""

    def __init__(self, runner):
        self.runner = runner

    def start(self):
        return self

    def close(self):
        pass

    def __getattr__(self, name):
        return getattr(self.runner, name)


@pytest.fixture
def ws(tmp_path, bank, runner, monkeypatch):
    import dltutor.cli.drill as drill_cli

    monkeypatch.setattr(drill_cli, "make_runner", lambda: SharedRunner(runner))
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)
    monkeypatch.chdir(tmp_path)
    result = drill("init")
    assert result.exit_code == 0, result.output
    assert "3 new file(s)" in result.output and "Start with concepts/double.py" in result.output
    return tmp_path / "dltutor-drills"


def drill(*args, input=None):
    return cli.invoke(app, ["drill", *map(str, args)], input=input, terminal_width=200)


def test_list_json_and_init_again_keeps_work(ws):
    (ws / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    assert "0 new file(s), 3 of yours kept" in drill("init").output
    data = json.loads(drill("list", "--json").stdout)
    assert [(d["id"], d["lesson"], d["path"], d["status"], d["next"]) for d in data] == [
        ("fx-double", "concepts", "concepts/double.py", "edited", True),
        ("fx-add", "concepts", "concepts/add.py", "not started", False),
        ("fx-square", "activations", "activations/square.py", "not started", False)]
    assert data[0]["title"] == "Double a tensor"
    out = drill().output  # bare `dltutor drill` lists
    assert "→" in out and "0/3 passed" in out and "Next: fx-double" in out


def test_check_next_not_started_then_failing_then_passing(ws):
    result = drill("check")
    assert result.exit_code == 1 and "not started yet: open concepts/double.py" in result.output
    (ws / "concepts" / "double.py").write_text(DOUBLE_WRONG, encoding="utf-8")
    result = drill("check")
    assert result.exit_code == 1, result.output
    for words in ("fx-double failed at check 1 of 2", "case:     x = [1, -2, 3]", "expected:", "actual:",
                  "multiply by 2, not add 2", "debug line", "dltutor drill hint fx-double"):
        assert words in result.output, (words, result.output)
    (ws / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    result = drill("check", "fx-double")
    assert result.exit_code == 0 and "✓ fx-double passed: all 2 checks" in result.output
    assert "Next: fx-add" in result.output
    assert json.loads(drill("list", "--json").stdout)[0]["status"] == "passed"


def test_check_json_shape_and_exit_codes(ws):
    (ws / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    (ws / "concepts" / "add.py").write_text("def add(a, b):\n    return a +\n", encoding="utf-8")
    result = drill("check", "concepts", "activations/square.py", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["id"], d["status"]) for d in data] == [
        ("fx-double", "passed"), ("fx-add", "error"), ("fx-square", "not started")]
    for key in ("id", "lesson", "title", "path", "status", "case", "expected", "actual", "advice", "message", "line"):
        assert all(key in d for d in data), key
    assert data[1]["line"] == 2 and "SyntaxError" in data[1]["message"]
    assert drill("check", "fx-double", "--json").exit_code == 0


@pytest.mark.parametrize(("args", "words"), [
    (["check", "fx-doubel"], "unknown drill 'fx-doubel' (did you mean 'fx-double'?)"),
    (["check", "fx-double", "--all"], "not both"),
    (["hint", "nope"], "unknown drill 'nope'"),
    (["check", "--workspace", "elsewhere"], "is not a drill workspace"),
    (["check", "--timeout", "0"], "Invalid value"),
])
def test_usage_errors_exit_2_with_one_line(ws, args, words):
    result = drill(*args)
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Traceback" not in result.output


def test_no_workspace_says_how_to_make_one(tmp_path, bank, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)
    result = drill("list")
    assert result.exit_code == 2 and "dltutor drill init" in result.output


def test_hint_solution_reset(ws):
    outs = [drill("hint", "fx-double").output for _ in range(4)]
    assert "Hint 1 of 3" in outs[0] and "Hint 3 of 3" in outs[2] and "Hint 3 of 3" in outs[3]
    assert "last hint" in outs[3]
    locked = drill("solution", "fx-double")
    assert locked.exit_code == 1 and "after 3 failed checks (you have 0)" in locked.output
    opened = drill("solution", "fx-double", "--now")
    assert opened.exit_code == 0 and "return 2 * x" in opened.output and "element by element" in opened.output
    mine = ws / "concepts" / "double.py"
    mine.write_text(DOUBLE_WRONG, encoding="utf-8")
    assert drill("reset", "fx-double", input="n\n").exit_code == 1 and mine.read_text() == DOUBLE_WRONG
    result = drill("reset", "fx-double", "--yes")
    assert result.exit_code == 0 and "starter again" in result.output
    assert [p.read_text() for p in (ws / ".backups" / "concepts").iterdir()] == [DOUBLE_WRONG]


def test_checks_are_recorded_in_progress(ws):
    (ws / "concepts" / "double.py").write_text(DOUBLE_WRONG, encoding="utf-8")
    drill("check")
    (ws / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    drill("check")
    from dltutor.progress import open_store

    with open_store() as store:
        assert store.drills()["fx-double"]["checks"] == 2 and store.drills()["fx-double"]["passed"]
    data = json.loads(cli.invoke(app, ["progress", "--json"]).stdout)
    concepts = next(lesson for lesson in data["lessons"] if lesson["id"] == "concepts")
    assert concepts["drills_passed"] == ["fx-double"] and concepts["drills_total"] == 2


def test_grade_a_class(ws, tmp_path):
    alice = ws  # passes fx-double
    (alice / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    assert drill("init", tmp_path / "bob").exit_code == 0
    (tmp_path / "bob" / "concepts" / "double.py").write_text(DOUBLE_WRONG, encoding="utf-8")
    state_before = (tmp_path / "bob" / ".dltutor-drills.json").read_text()

    result = drill("grade", alice, tmp_path / "bob", "--drill", "fx-double")
    assert result.exit_code == 1, result.output
    assert tmp_path.name in result.output  # a default `dltutor-drills` folder is named after its parent
    assert "fx-double" in result.output and "1/2" in result.output and "50%" in result.output
    assert (tmp_path / "bob" / ".dltutor-drills.json").read_text() == state_before  # the teacher records nothing

    data = json.loads(drill("grade", alice, tmp_path / "bob", "-d", "fx-double", "--format", "json").stdout)
    assert [(r["learner"], r["drill"], r["status"]) for r in data["results"]] == [
        (tmp_path.name, "fx-double", "passed"), ("bob", "fx-double", "failed")]
    assert data["drills"] == [{"drill": "fx-double", "lesson": "concepts", "learners": 2, "passed": 1, "share": 0.5}]
    rows = list(csv.DictReader(io.StringIO(drill("grade", tmp_path / "bob", "-d", "fx-double", "-f", "csv").stdout)))
    assert rows[0]["learner"] == "bob" and rows[0]["status"] == "failed" and rows[0]["case"] == "x = [1, -2, 3]"
    out = tmp_path / "report.xml"
    result = drill("grade", alice, tmp_path / "bob", tmp_path / "nobody", "-d", "fx-double", "-f", "junit", "-o", out)
    assert result.exit_code == 2 and "nobody: not a folder" in result.output
    suites = ET.parse(out).getroot()
    assert [s.get("name") for s in suites] == [tmp_path.name, "bob", str(tmp_path / "nobody")]
    assert suites[1].find("testcase/failure") is not None

    (tmp_path / "bob" / "concepts" / "double.py").write_text("while True:\n    pass\n", encoding="utf-8")
    result = drill("grade", tmp_path / "bob", "-d", "fx-double", "--timeout", "0.5")
    assert "timeout" in result.stdout and "was stopped." in result.stdout, result.stdout
    assert "Look for" not in result.stdout, result.stdout  # the table gives the verdict, not the advice


def test_engine_and_drill_list_never_import_torch_or_a_ui(ws):
    import subprocess
    import sys

    code = ("import sys\n"
            "import dltutor.drills.checking, dltutor.drills.watch, dltutor.drills.grading, dltutor.drills.reports\n"
            "print('torch' in sys.modules, 'textual' in sys.modules, 'rich' in sys.modules)\n"
            "from dltutor.cli import app\n"
            f"try:\n    app(['drill', 'list', '-w', {str(ws)!r}])\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "False False False" and out.splitlines()[-1] == "False"


@pytest.mark.slow  # a real `dltutor drill check` process: its worker imports torch
def test_ctrl_c_during_a_check_stops_it_and_leaves_no_process(ws, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from tests.drills.test_runner import gone

    (ws / "concepts" / "double.py").write_text("while True:\n    pass\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "dltutor", "drill", "check", "fx-double", "--timeout", "60"],
                            cwd=ws, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60

    def descendants() -> list[int]:
        out = subprocess.run(["ps", "-eo", "pid,ppid"], capture_output=True, text=True).stdout.split("\n")[1:]
        pairs = [tuple(map(int, line.split())) for line in out if line.strip()]
        found, frontier = [], [proc.pid]
        while frontier:
            parent = frontier.pop()
            kids = [pid for pid, ppid in pairs if ppid == parent]
            found += kids
            frontier += kids
        return found

    while len(descendants()) < 2 and time.monotonic() < deadline:  # the worker and the check's child
        time.sleep(0.1)
    running = descendants()
    assert len(running) >= 2
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130 and "stopped" in err and "Traceback" not in err
    time.sleep(0.2)
    assert all(gone(pid) for pid in running)


@pytest.mark.slow  # a real `dltutor drill watch` process: its worker imports torch
def test_watch_checks_each_save_moves_on_and_ctrl_c_ends_it(ws, tmp_path):
    import queue
    import signal
    import subprocess
    import sys
    import threading
    import time

    env = {**__import__("os").environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "dltutor", "drill", "watch"], cwd=ws, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(words: str, save: str | None = None) -> None:
        deadline, next_save = time.monotonic() + 60, 0.0
        while not any(words in line for line in seen):
            assert time.monotonic() < deadline, (words, "".join(seen)[-1500:])
            if save is not None and time.monotonic() > next_save:  # again until seen: the watcher may
                (ws / "concepts" / "double.py").write_text(save, encoding="utf-8")  # start after its message
                next_save = time.monotonic() + 3
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                pass

    try:
        wait_for("Watching")
        wait_for("fx-double failed", save=DOUBLE_WRONG)
        wait_for("Next: fx-add", save=DOUBLE_OK)
        proc.send_signal(signal.SIGINT)
        wait_for("Stopped watching")
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
    assert "multiply by 2, not add 2" in "".join(seen) and "Traceback" not in "".join(seen)


@pytest.mark.slow  # a real `dltutor drill watch` process: its worker imports torch
def test_watch_that_finds_the_next_drill_already_solved_moves_on(ws):
    # A learner who solved the drill while watch was not running: watch checks it at once
    # and must then name the next drill, as after a save.
    import subprocess
    import sys

    (ws / "concepts" / "double.py").write_text(DOUBLE_OK, encoding="utf-8")
    env = {**__import__("os").environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "dltutor", "drill", "watch"], cwd=ws, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop = __import__("threading").Timer(60, proc.kill)  # fail, not hang, if it never moves on
    stop.start()
    try:
        seen = []
        for line in proc.stdout:
            seen.append(line)
            if "Next: fx-add" in line or "Traceback" in line:
                break
        proc.send_signal(__import__("signal").SIGINT)
        proc.wait(timeout=10)
    finally:
        stop.cancel()
        proc.kill()
    text = "".join(seen)
    assert "fx-double passed" in text and text.rindex("Next: fx-add") > text.index("fx-double passed"), text


def test_on_a_terminal_messages_wrap_between_words_under_their_label(ws):
    # The terminal used to cut long lines mid-word ("float3" / "2"); piped output stays one line each.
    from rich.console import Console

    from dltutor.cli.drill import find_workspace, load_bank_drills, print_result

    result = {"status": "failed", "passed": 0, "total": 2, "message": "check 'x' failed\nhint:     "
              + "subtract the maximum first " * 4 + "\n  31 | " + "x" * 90}
    terminal = Console(width=60, force_terminal=True, record=True, color_system=None)
    double = next(d for d in load_bank_drills() if d.id == "fx-double")
    print_result(find_workspace(ws), double, result, out=terminal)
    lines = terminal.export_text().splitlines()
    hint = [line for line in lines if "maximum" in line]
    assert len(hint) == 3 and all(len(line) <= 60 for line in hint), lines
    assert hint[0].startswith("    hint:     subtract") and hint[1].startswith(" " * 14 + "maximum"), lines
    assert any(line.startswith("      31 | " + "x" * 90) for line in lines), lines  # code is never re-wrapped
    assert "    dltutor drill hint fx-double" in lines, lines  # a command is never cut in two


def test_the_drill_groups_own_workspace_option_counts_for_every_command(tmp_path, monkeypatch):
    """`dltutor drill -w DIR init` makes DIR (not ./dltutor-drills), and `drill -w DIR check` finds it."""
    monkeypatch.chdir(tmp_path)
    done = cli.invoke(app, ["drill", "-w", "mine", "init"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "mine" / "concepts").is_dir() and not (tmp_path / "dltutor-drills").exists()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    done = cli.invoke(app, ["drill", "-w", str(tmp_path / "mine"), "check", "concepts-perceptron-predict"])
    assert "not started" in done.output, done.output
