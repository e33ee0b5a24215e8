"""Which language this process speaks, and why.

Order (the first that gives a supported language wins):

1. `--lang en|zh` on the command line (an unsupported value is a usage error);
2. $DLTUTOR_LANG (an unsupported value is ignored, and `dltutor doctor` says so);
3. the choice saved by the app's palette command, `settings.json` in the data folder
   (a corrupt or unreadable file is ignored, and doctor says so);
4. the locale: the first of $LC_ALL, $LC_MESSAGES, $LANG that is set, as POSIX reads it;
   a value starting with `zh` (zh_CN.UTF-8, zh_TW, zh-Hans) means Chinese, any other English;
5. English.

Codes are read loosely: `ZH`, `zh-CN`, `zh_CN.UTF-8` and `en_US` all name a supported language.
Nothing here imports Typer, Rich or Textual: the CLI calls `language_from_argv` before it
imports its command modules, because Typer builds their help texts at import.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from dltutor.i18n import LANGUAGES, _, language, use_language

SETTINGS_FILE = "settings.json"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
"""Each language in its own words: how a menu offers it to someone who reads only that language."""

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_.@].*)?$")
_flag: str | None = None  # the --lang value this process was started with, for doctor's "why"
_environ: dict[str, str] | None = None  # the variables it was started with (use_language exports DLTUTOR_LANG)
_VARIABLES = ("DLTUTOR_LANG", *LOCALE_VARIABLES)


class LanguageError(ValueError):
    """An unsupported --lang value; the message lists the supported codes."""


def normalize(value: str | None) -> str | None:
    """The supported language code `value` names (`ZH`, `zh-CN`, `en_US.UTF-8` …), or None."""
    if not value:
        return None
    match = _CODE.match(value.strip())
    code = match.group(1).lower() if match else None
    return code if code in LANGUAGES else None


def settings_path() -> Path:
    from dltutor.settings import data_dir

    return data_dir() / SETTINGS_FILE


def saved_language() -> tuple[str | None, str | None]:
    """(the language saved by the app, None) or (None, why the saved file was ignored); (None, None) if none."""
    path = settings_path()
    if not path.exists() and not path.is_symlink():
        return None, None
    try:
        data = _read_settings(path)
    except (ValueError, OSError) as exc:  # TextFileError and JSONDecodeError are ValueErrors
        return None, _("ignored {file}: {reason}").format(file=path, reason=str(exc).splitlines()[0])
    value = data.get("language") if isinstance(data, dict) else None
    if value is None:
        return None, None
    code = normalize(value) if isinstance(value, str) else None
    if code is None:
        return None, _("ignored {file}: language {value} is not one of {choices}").format(
            file=path, value=json.dumps(value, ensure_ascii=False), choices=", ".join(LANGUAGES))
    return code, None


def _read_settings(path: Path):
    """The settings file's JSON; ValueError when it is not a small, shallow JSON text in a regular file."""
    from dltutor import strict_json
    from dltutor.content.textfile import read_text
    from dltutor.content.yamlio import json_depth

    if not path.is_file():  # a FIFO or a device is never opened: reading it could wait forever
        raise ValueError("not a regular file")
    text = read_text(path, max_bytes=64_000)
    if json_depth(text) > 8:  # Python's parser recurses: a file of 64,000 '[' would crash it
        raise ValueError("nested too deep")
    return strict_json.loads(text)


def save_language(lang: str) -> Path:
    """Remember `lang` for later starts (the app's palette command); written atomically. Raises OSError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {}
    try:  # keep other settings a later version may add
        old = _read_settings(path)
        data = old if isinstance(old, dict) else {}
    except (ValueError, OSError):
        pass
    data["language"] = lang
    from dltutor.atomic_file import write_text

    write_text(path, json.dumps(data, indent=2) + "\n")  # a reader sees the old file or the new one
    return path


def resolve(flag: str | None = None, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(language code, why) for a process started with `--lang flag` (None: not given) in `environ`.

    The reason is a sentence in the current language, for `dltutor doctor`; it also names
    anything ignored on the way ($DLTUTOR_LANG=fr, a corrupt settings file).
    Raises LanguageError when `flag` is given but names no supported language.
    """
    env = os.environ if environ is None else environ
    if flag is not None:
        code = normalize(flag)
        if code is None:
            raise unsupported_flag(flag)
        return code, _("from --lang {value}").format(value=flag)
    ignored = []
    value = env.get("DLTUTOR_LANG")
    if value:
        code = normalize(value)
        if code:
            return code, _("from $DLTUTOR_LANG={value}").format(value=value)
        ignored.append(_("ignored $DLTUTOR_LANG={value}: not one of {choices}").format(
            value=value, choices=", ".join(LANGUAGES)))
    code, why = saved_language()
    if why:
        ignored.append(why)
    if code:
        return code, _join(_("saved by the app in {file}").format(file=settings_path()), ignored)
    for name in LOCALE_VARIABLES:
        value = env.get(name)
        if value:  # POSIX: the first one set decides, even when it is C or another language
            code = "zh" if value.strip().lower().startswith("zh") else "en"
            return code, _join(_("from the locale, ${name}={value}").format(name=name, value=value), ignored)
    return "en", _join(_("the default (no --lang, $DLTUTOR_LANG, saved choice or locale)"), ignored)


def unsupported_flag(value: str) -> LanguageError:
    """The error for `--lang value`, in the language in use."""
    return LanguageError(_("unsupported language {value!r} for --lang; choose one of: {choices}").format(
        value=value, choices=", ".join(LANGUAGES)))


def _join(reason: str, ignored: list[str]) -> str:
    for also in ignored:
        reason = _("{reason}; {also}").format(reason=reason, also=also)
    return reason


def flag_from_argv(argv: Sequence[str]) -> str | None:
    """The value of the global `--lang` option (`--lang zh`, `--lang=zh`) in `argv`, or None.

    Only the global options before the command are read (`dltutor --lang zh quiz cnn`), as Typer
    reads them; a `--lang` after the command is Typer's to reject. Given twice, the last one
    counts, as in Typer: `--lang zh --lang en` is English everywhere, help texts included.
    """
    args = list(argv)
    found = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang":
            if i + 1 >= len(args):
                return ""
            found = args[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
        elif arg == "--" or not arg.startswith("-"):
            break  # the command: what follows is its own
        i += 2 if arg == "--lessons" else 1
    return found


def choose(flag: str | None) -> str:
    """Switch this process to the language `resolve(flag)` picks, and remember `flag` for doctor; the code.

    Raises LanguageError for an unsupported `flag` (the CLI prints it and exits 2).
    """
    global _flag, _environ
    environ = {name: os.environ[name] for name in _VARIABLES if name in os.environ}
    lang, _why = resolve(flag, environ)
    _flag, _environ = flag, environ
    use_language(lang)
    return lang


def language_from_argv(argv: Sequence[str]) -> str:
    """`choose()` from the global `--lang` in `argv` (the CLI's start, before its command modules load)."""
    return choose(flag_from_argv(argv))


def current_choice() -> tuple[str, str]:
    """(language, why) for this process as started, the reason in the language in use (for doctor)."""
    return resolve(_flag, _environ)


_started = False  # the process's language was chosen from sys.argv (dltutor.launch, then dltutor.cli)


def start_process(argv: Sequence[str] | None = None) -> str:
    """The CLI's first step: `language_from_argv(sys.argv[1:])`, or a one-line error and exit 2.

    Choosing from sys.argv happens once per process: the second call (the CLI package after the
    entry point) must not mistake the first call's $DLTUTOR_LANG export for the learner's setting.
    """
    import sys

    global _started
    if argv is None:
        if _started:
            return language()
        _started = True
    flag = flag_from_argv(sys.argv[1:] if argv is None else argv)
    try:
        return choose(flag)
    except LanguageError:
        from dltutor.content.textfile import visible

        # Said in the language the learner gets without the bad flag ($DLTUTOR_LANG, saved choice, locale).
        use_language(resolve(None)[0])
        # The flag is outside text: control characters shown, never obeyed (the CLI's fail() does the same).
        print(_("error: {message}").format(message=visible(unsupported_flag(flag))), file=sys.stderr)
        raise SystemExit(2) from None
