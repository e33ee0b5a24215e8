import os

import pytest

# Tests speak English whatever the machine's locale (a zh_CN developer included); language tests say otherwise.
os.environ["DLTUTOR_LANG"] = "en"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Never touch the real user data dir or a teacher's DLTUTOR_LESSONS from tests."""
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DLTUTOR_LESSONS", raising=False)
    from dltutor.cli.app import state

    state.lessons = None
    yield
    state.lessons = None
    from dltutor.i18n import language, use_language

    if language() != "en":  # a test that switched to Chinese never leaks it into the next
        use_language("en")
    os.environ["DLTUTOR_LANG"] = "en"
    from dltutor.i18n import choice

    choice._flag, choice._environ = None, None  # nor the --lang a test started with (doctor's "why")


@pytest.fixture
def zh(monkeypatch):
    """This test speaks Chinese (the app's, the CLI's and the lab's own words); English again afterwards."""
    from dltutor.i18n import use_language

    monkeypatch.setenv("DLTUTOR_LANG", "en")  # use_language exports its choice; restored after the test
    use_language("zh")
    yield
    use_language("en")
