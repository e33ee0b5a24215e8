"""The drills' own messages (workspace, catalogue, runner) in Chinese; check feedback is tested with the checks."""

from __future__ import annotations

import pytest

from dltutor.drills.workspace import STATE_FILE, Workspace, WorkspaceError
from dltutor.i18n import _, use_language


@pytest.fixture
def zh():
    use_language("zh")
    yield
    use_language("en")


def test_workspace_errors_in_chinese(zh, tmp_path, drills, monkeypatch):
    monkeypatch.delenv("DLTUTOR_DRILLS", raising=False)
    with pytest.raises(WorkspaceError, match=f"在 {tmp_path} 及其上级文件夹中没有练习工作区"):
        Workspace.find(cwd=tmp_path)
    ws, _created, _kept = Workspace.init(tmp_path / "ws", drills)
    (tmp_path / "ws" / STATE_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r":1：不是有效的 JSON（.*）；删除这个文件即可重新开始记录"):
        ws.entries(drills)


def test_unknown_drill_and_the_limits_note_in_chinese(zh):
    from dltutor.drills import UnknownDrill, get_drill
    from dltutor.drills.runner import LIMITS_NOTE

    with pytest.raises(UnknownDrill, match="未知的练习 'no-such-drill'.*`dltutor drill list` 会列出全部练习"):
        get_drill("no-such-drill")
    note = "memory is not limited on this platform (only Linux enforces RLIMIT_AS); the time limit holds"
    assert LIMITS_NOTE in ("", note) and _(note).startswith("在这个平台上不限制内存")
