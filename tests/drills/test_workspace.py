"""The workspace: files copied once, never overwritten; status from the file and the state; found from anywhere."""

from __future__ import annotations

import pytest

from dltutor.drills.workspace import STATE_FILE, Workspace, WorkspaceError


def test_init_copies_starters_and_init_again_keeps_work(tmp_path, drills):
    ws, created, kept = Workspace.init(tmp_path / "ws", drills)
    assert created == ["concepts/double.py", "concepts/add.py", "activations/square.py"] and kept == []
    assert (tmp_path / "ws" / STATE_FILE).is_file() and (tmp_path / "ws" / "README.md").is_file()
    assert [e.status for e in ws.entries(drills)] == ["not started"] * 3
    mine = ws.path_of(drills[0])
    mine.write_text("def double(x):\n    return x + x\n", encoding="utf-8")
    ws.path_of(drills[2]).unlink()
    _, created, kept = Workspace.init(tmp_path / "ws", drills)
    assert created == ["activations/square.py"] and kept == ["concepts/double.py", "concepts/add.py"]
    assert mine.read_text(encoding="utf-8") == "def double(x):\n    return x + x\n"


def test_status_follows_the_file_and_the_last_check(tmp_path, drills):
    ws, _, _ = Workspace.init(tmp_path, drills)
    drill = drills[0]
    path = ws.path_of(drill)
    path.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    assert ws.entry(drill).status == "edited"
    from dltutor.drills.workspace import sha256

    ws.record_check(drill, {"status": "failed"}, sha256(path))
    assert ws.entry(drill).status == "failing" and ws.entry(drill).failed_checks == 1
    ws.record_check(drill, {"status": "passed"}, sha256(path))
    assert ws.entry(drill).status == "passed" and ws.next_drill(drills) is drills[1]
    path.write_text("def double(x):\n    return x * 2\n", encoding="utf-8")
    e = ws.entry(drill)
    assert e.status == "edited" and e.passed_before  # changed since: check again, but the solution stays open
    path.unlink()
    assert ws.entry(drill).status == "missing"


def test_hints_one_more_tier_each_time_and_remembered(tmp_path, drills):
    ws, _, _ = Workspace.init(tmp_path, drills)
    tiers = [ws.next_hint(drills[0])[0] for _ in range(4)]
    assert tiers == [1, 2, 3, 3]
    assert Workspace(tmp_path).entry(drills[0]).hints_shown == 3


def test_solution_after_three_failed_checks_or_a_pass(tmp_path, drills):
    ws, _, _ = Workspace.init(tmp_path, drills)
    drill = drills[0]
    for n in range(3):
        assert not ws.solution_allowed(drill)
        ws.record_check(drill, {"status": "error"}, "x")
    assert ws.solution_allowed(drill)


def test_reset_keeps_a_backup(tmp_path, drills):
    ws, _, _ = Workspace.init(tmp_path, drills)
    path = ws.path_of(drills[0])
    path.write_text("my work\n", encoding="utf-8")
    backup = ws.reset(drills[0])
    assert backup.read_text(encoding="utf-8") == "my work\n" and backup.parent == tmp_path / ".backups" / "concepts"
    assert path.read_bytes() == drills[0].starter_path.read_bytes() and ws.entry(drills[0]).status == "not started"


def test_find_upwards_env_and_explicit(tmp_path, drills, monkeypatch):
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)
    Workspace.init(tmp_path / "dltutor-drills", drills)
    deep = tmp_path / "dltutor-drills" / "concepts"
    assert Workspace.find(cwd=deep).root == tmp_path / "dltutor-drills"
    assert Workspace.find(cwd=tmp_path).root == tmp_path / "dltutor-drills"  # the default folder, from beside it
    monkeypatch.setenv("DLTUTOR_DRILLS", str(tmp_path / "dltutor-drills"))
    assert Workspace.find(cwd=tmp_path / "elsewhere").root == tmp_path / "dltutor-drills"
    monkeypatch.delenv("DLTUTOR_DRILLS")
    with pytest.raises(WorkspaceError, match="create one with `dltutor drill init"):
        Workspace.find(cwd=tmp_path / "elsewhere")
    with pytest.raises(WorkspaceError, match="is not a drill workspace"):
        Workspace.find(tmp_path / "elsewhere")


@pytest.mark.parametrize(("text", "words"), [
    ('{"format": "dltutor-drills",\n "version": 1,\n "drills": {,}}', f"{STATE_FILE}:3: not valid JSON"),
    ('[1, 2]', "not a dltutor drills state file"),
    ('{"format": "dltutor-drills", "version": 99, "drills": {}}', "newer dltutor"),
])
def test_broken_state_file_is_a_one_line_error(tmp_path, drills, text, words):
    ws, _, _ = Workspace.init(tmp_path, drills)
    ws.state_path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=words) as info:
        ws.entries(drills)
    assert "\n" not in str(info.value)


def test_init_into_a_file_is_an_error(tmp_path, drills):
    (tmp_path / "f").write_text("x")
    with pytest.raises(WorkspaceError, match="not a folder"):
        Workspace.init(tmp_path / "f", drills)


def test_watch_rechecks_each_save_and_skips_unchanged_content(tmp_path, drills, runner):
    import threading
    import time

    from dltutor.drills.watch import watch_checks

    ws, _, _ = Workspace.init(tmp_path, drills)
    path = ws.path_of(drills[0])
    stop = threading.Event()
    seen = []

    def save_twice_then_fix():
        while not seen and not stop.is_set():  # until the watcher (starting meanwhile) has seen a save
            path.write_text("def double(x):\n    return x\n", encoding="utf-8")
            time.sleep(0.3)
        path.write_text("def double(x):\n    return x\n", encoding="utf-8")  # same content: not checked again
        time.sleep(0.5)
        path.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")

    threading.Thread(target=save_twice_then_fix, daemon=True).start()
    deadline = time.monotonic() + 15
    for drill, result in watch_checks(ws, drills, runner, stop_event=stop, poll_s=0.2):
        seen.append((drill.id, result["status"]))
        if result["status"] == "passed" or time.monotonic() > deadline:
            stop.set()
    assert seen == [("fx-double", "failed"), ("fx-double", "passed")]
    assert ws.entry(drills[0]).status == "passed"


def test_a_save_during_the_check_leaves_the_drill_edited(tmp_path, drills, runner):
    from dltutor.drills.checking import check_drills

    ws, _, _ = Workspace.init(tmp_path, drills)
    path = ws.path_of(drills[0])
    # The file changes while it is checked (here: by itself), so the result is for content no longer there.
    path.write_text("open(__file__, 'a').write('# saved again\\n')\n\n\ndef double(x):\n    return 2 * x\n")
    [(_, result)] = list(check_drills(ws, drills[:1], runner))
    assert result["status"] == "passed"
    assert ws.entry(drills[0]).status == "edited"
