import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Never touch the real user data dir or a teacher's DLTUTOR_LESSONS from tests."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DLTUTOR_LESSONS", raising=False)
    from dltutor.cli.app import state

    state.lessons = None
    yield
    state.lessons = None
