"""The Typer app, its global options, and helpers every command shares.

Command modules import only light things at top level; torch, Textual and the
lab are imported inside the commands that need them, so `--help` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from dltutor import __version__
from dltutor.cli.console import console, err_console, fail  # noqa: F401  (re-exported: commands import them here)
from dltutor.cli.typer_text import localise
from dltutor.i18n import _

localise()  # Typer's own words ("Options", "[default: …]") in the learner's language

app = typer.Typer(
    name="dltutor",
    help=_("A terminal deep-learning tutor and trainer: lessons, quizzes and live PyTorch labs.\n\n"
           "Run with no command to open the app."),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    lessons: Optional[Path] = None


state = State()


def lessons_root() -> Path:
    from dltutor.settings import lessons_dir

    return lessons_dir(state.lessons)


def load_course_or_exit(root: Path | None = None, source=None):
    """The course at `root` (default: --lessons, $DLTUTOR_LESSONS, the bundled one), or from a
    `CourseSource`; exits with a one-line error when the folder is missing."""
    from dltutor.content import load_course

    root = source.root if source is not None else root or lessons_root()
    try:
        return source.load() if source is not None else load_course(root)
    except FileNotFoundError:
        fail(_("lessons folder not found: {root} (set --lessons DIR or DLTUTOR_LESSONS)").format(root=root))


def lesson_or_exit(course, name: str):
    """The lesson with this id (any case) or roadmap number, or exit 2 listing the known ids (with a did-you-mean)."""
    try:
        return course.get(name)
    except KeyError:
        found = course.find(name)
        if found is not None:
            return found
        if name in course.broken:
            fail(_("lesson folder '{name}' has problems; run `dltutor validate` to see them").format(name=name))
        fail(course.unknown_lesson_message(name))


def _version(value: bool) -> None:
    if value:
        console.print(f"dltutor {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    lessons: Optional[str] = typer.Option(  # str: a Path would turn "" (an unset $VAR) into "." silently
        None, "--lessons", envvar="DLTUTOR_LESSONS", metavar="DIR",
        help=_("Lessons folder to use instead of the built-in course (e.g. a teacher's own)."),
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
    lang: Optional[str] = typer.Option(
        None, "--lang", metavar="en|zh",
        help=_("Language of lessons, quizzes and messages (default: $DLTUTOR_LANG, the app's saved choice, "
               "else the locale)."),
    ),
) -> None:
    """dltutor: learn deep learning in your terminal.

    Data (progress) lives in $DLTUTOR_HOME, default: the platform's user data folder.
    """
    if lessons is not None and not lessons.strip():
        fail(_("--lessons (or $DLTUTOR_LESSONS) is empty: give the lessons folder, e.g. --lessons ./my-course"))
    state.lessons = Path(lessons) if lessons is not None else None
    if lang is not None:  # already chosen at start (cli.__init__); again for callers of `app` itself (tests)
        from dltutor.i18n.choice import LanguageError, choose

        try:
            choose(lang)
        except LanguageError as exc:
            fail(str(exc))
    if ctx.invoked_subcommand is None:
        from dltutor.cli.open_app import open_app

        open_app(None)
