"""Language choice: --lang > $DLTUTOR_LANG > the app's saved choice > locale > English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dltutor.i18n import language, use_language
from dltutor.i18n.choice import (LanguageError, choose, flag_from_argv, normalize, resolve, save_language,
                                 saved_language, settings_path)


@pytest.mark.parametrize("value, code", [
    ("zh", "zh"), ("ZH", "zh"), ("zh-CN", "zh"), ("zh_CN.UTF-8", "zh"), ("zh_TW", "zh"), ("zh-Hans", "zh"),
    ("en", "en"), ("en_US", "en"), ("EN-gb", "en"), (" zh ", "zh"),
    ("fr", None), ("", None), (None, None), ("chinese", None), ("z", None), ("C.UTF-8", None), ("zh中文", None),
])
def test_normalize_accepts_case_and_region_variants(value, code):
    assert normalize(value) == code


@pytest.mark.parametrize("flag, env, code, why", [
    ("zh", {"DLTUTOR_LANG": "en", "LANG": "en_US"}, "zh", "--lang"),
    (None, {"DLTUTOR_LANG": "zh-CN", "LANG": "en_US"}, "zh", "$DLTUTOR_LANG"),
    (None, {"DLTUTOR_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh", "$LANG"),  # bad env ignored, with the reason
    (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh", "$LC_ALL"),
    (None, {"LC_ALL": "C", "LANG": "zh_CN"}, "en", "$LC_ALL"),  # POSIX: the first one set decides
    (None, {"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, "zh", "$LC_MESSAGES"),
    (None, {"LC_ALL": "", "LANG": "zh-Hans"}, "zh", "$LANG"),  # empty means unset
    (None, {"LANG": "fr_FR.UTF-8"}, "en", "$LANG"),
    (None, {}, "en", "default"),
])
def test_resolution_order(flag, env, code, why):
    lang, reason = resolve(flag, env)
    assert lang == code and why in reason
    if env.get("DLTUTOR_LANG") == "fr":
        assert "ignored $DLTUTOR_LANG=fr" in reason


def test_saved_choice_sits_between_the_variable_and_the_locale():
    save_language("zh")
    assert json.loads(settings_path().read_text()) == {"language": "zh"}
    assert resolve(None, {"LANG": "en_US"})[0] == "zh"
    assert resolve(None, {"DLTUTOR_LANG": "en", "LANG": "zh_CN"})[0] == "en"
    save_language("en")
    assert resolve(None, {"LANG": "zh_CN"}) [0] == "en"
    assert not list(settings_path().parent.glob(".*.tmp"))  # written atomically, nothing left over


@pytest.mark.parametrize("content", [b"{bad", b"\xff\xfe\x00garbage", b'["zh"]', b'{"language": "fr"}',
                                     b'{"language": 3}', b"[" * 60_000, b'{"language": "\\ud800"}',
                                     b"x" * 70_000, b"FIFO"])
def test_a_corrupt_saved_choice_is_ignored_with_the_reason(content):
    import os

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    if content == b"FIFO":
        os.mkfifo(settings_path())  # never opened: reading it would wait forever
    else:
        settings_path().write_bytes(content)
    lang, reason = resolve(None, {"LANG": "zh_CN"})
    assert lang == "zh" and "$LANG" in reason
    code, why = saved_language()
    assert code is None
    if content not in (b'["zh"]',):
        assert "ignored" in reason and str(settings_path()) in why
    if content == b"FIFO":
        settings_path().unlink()
    save_language("zh")  # a broken file is replaced, not a reason to fail
    assert saved_language() == ("zh", None)


def test_unsupported_flag_is_an_error_listing_the_choices():
    with pytest.raises(LanguageError, match="choose one of: en, zh"):
        resolve("fr", {})


@pytest.mark.parametrize("argv, flag", [
    (["--lang", "zh", "quiz", "cnn"], "zh"), (["--lang=zh"], "zh"), (["--lessons", "--lang", "doctor"], None),
    (["--lessons", "d", "--lang", "en", "list"], "en"), (["quiz", "--lang", "zh"], None), (["--", "--lang=zh"], None),
    (["--lang"], ""), ([], None), (["--version", "--lang", "ZH"], "ZH"),
    (["--lang", "zh", "--lang", "en", "list"], "en"), (["--lang=zh", "--lang", "en"], "en"),
    (["--lang", "en", "--lang="], ""), (["--lang", "zh", "--lang"], ""), (["--lang", "zh", "quiz", "--lang=en"], "zh"),
])
def test_flag_is_read_from_the_global_options_only(argv, flag):
    assert flag_from_argv(argv) == flag


def test_choose_switches_the_process_and_exports_the_language(monkeypatch):
    monkeypatch.setenv("LANG", "en_US")
    assert choose("zh") == "zh" and language() == "zh"
    import os

    assert os.environ["DLTUTOR_LANG"] == "zh"  # worker processes speak the same language
    use_language("en")


def _dltutor(*args, env):
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("DLTUTOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "dltutor", *args], capture_output=True, text=True, timeout=60,
                          env=full | env)


def test_cli_bad_lang_is_a_one_line_usage_error():
    done = _dltutor("--lang", "fr", "list", env={})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["error: unsupported language 'fr' for --lang; choose one of: en, zh"]


def test_doctor_says_which_language_and_why():
    done = _dltutor("doctor", env={"DLTUTOR_LANG": "klingon", "LANG": "zh_CN.UTF-8", "COLUMNS": "200"})
    row = next(line for line in done.stdout.splitlines() if "语言" in line)
    assert "zh（来自系统区域设置 $LANG=zh_CN.UTF-8；已忽略 $DLTUTOR_LANG=klingon" in row
    done = _dltutor("--lang", "en", "doctor", "--json", env={"LANG": "zh_CN.UTF-8"})
    assert json.loads(done.stdout)["language"] == {"code": "en", "reason": "from --lang en"}


def test_cli_bad_lang_never_prints_control_characters():
    done = _dltutor("--lang=\x1b[31mzh\n", "list", env={})
    assert done.returncode == 2 and "\x1b" not in done.stderr and "'\\x1b[31mzh\\n'" in done.stderr


def test_lang_given_twice_the_last_counts_help_texts_included():
    done = _dltutor("--lang", "zh", "--lang", "en", "--help", env={})
    assert "Options" in done.stdout and "选项" not in done.stdout  # Typer's last-wins, from the first line on


def test_bad_lang_error_speaks_the_language_the_learner_would_get_without_it():
    done = _dltutor("--lang=", "list", env={"DLTUTOR_LANG": "zh"})
    assert done.returncode == 2 and done.stderr.startswith("错误") and "''" in done.stderr
    done = _dltutor("--lang", "fr", "list", env={"LANG": "zh_CN.UTF-8"})
    assert done.returncode == 2 and "--lang" in done.stderr and "unsupported" not in done.stderr
