"""The `dltutor` command's entry point. Alone, it opens the app without importing Typer, the command
modules or pydantic; with a command, it hands over to `dltutor.cli.main`.

The first screen is the app's most-waited-for moment (issue 12: at most 1.5× a bare Textual app).
When the command line holds only the app's own options and the course's outline is cached and
current (see `dltutor.content.outline`), the roadmap is shown from the outline and the course loads
behind it. Anything else (a command, --help, a first start, a changed lesson, a missing folder)
takes the usual Typer path, with its help and its clean errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_OPTIONS = ("--lessons", "--lang")  # the options `dltutor` alone accepts; each takes a value


def app_options(argv: list[str]) -> dict[str, str] | None:
    """{"lessons": DIR, "lang": CODE} from argv when it only opens the app, else None (a command, a flag…)."""
    options: dict[str, str] = {}
    args = iter(argv)
    for arg in args:
        name, has_value, value = arg.partition("=")
        if name not in APP_OPTIONS:
            return None
        value = value if has_value else next(args, "")
        if not value or value.startswith("-"):
            return None  # let Typer say what is missing
        options[name[2:]] = value
    return options


def course_source(lessons: str | Path | None = None):
    """The course for the app, from --lessons, $DLTUTOR_LESSONS or the bundled lessons, in the language in use."""
    from dltutor.content.outline import CourseSource
    from dltutor.i18n import language
    from dltutor.settings import data_dir, lessons_dir

    return CourseSource(lessons_dir(lessons), data_dir() / "cache", language())


def open_app_quickly(argv: list[str]) -> bool:
    """Open the app from the cached outline if argv allows it; False when the usual path must run."""
    options = app_options(argv)
    if options is None:
        return False
    source = course_source(options.get("lessons"))
    if source.outline is None:
        return False
    from dltutor.tui.app import run_app

    run_app(None, source, exit_process=True)
    return True


def main() -> None:
    from dltutor.i18n.choice import start_process

    start_process()  # --lang, $DLTUTOR_LANG, the saved choice or the locale: before the outline is looked up
    if not open_app_quickly(sys.argv[1:]):
        from dltutor.cli import main as cli_main

        cli_main()
