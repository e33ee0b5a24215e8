"""`dltutor lesson NAME`: open the app at a lesson, or print it with Rich (--print) for a pager or a script."""

from __future__ import annotations

import typer

from dltutor.cli.app import app, console, lesson_or_exit, load_course_or_exit
from dltutor.cli.console import visible
from dltutor.i18n import _


def print_lesson(lesson) -> None:
    from rich.markdown import Markdown
    from rich.rule import Rule
    from rich.text import Text

    from dltutor.tui.lesson_text import lesson_header

    console.print(Rule(Text(visible(lesson.title), style="bold"), align="left"))
    header = lesson_header(lesson)
    console.print(Text(visible(header.plain), style=header.style, spans=header.spans), highlight=False)
    console.print()
    console.print(Markdown(visible(lesson.body)))
    follow = [f"dltutor quiz {lesson.id}"] + ([f"dltutor train {lesson.id}"] if lesson.meta.exercise else [])
    console.print("\n[dim]" + _("Next: {commands}").format(commands=" · ".join(follow)) + "[/]", highlight=False)


@app.command("lesson", help=_("Open the app at a lesson (or print it with --print, for a pager: "
                               "`dltutor lesson cnn --print | less -R`)."))
def lesson(
    name: str = typer.Argument(..., help=_("Lesson id, e.g. cnn (see `dltutor list`).")),
    print_: bool = typer.Option(False, "--print", "-p",
                                help=_("Print the lesson to stdout instead of opening the app.")),
) -> None:
    course = load_course_or_exit()
    found = lesson_or_exit(course, name)
    if print_:
        print_lesson(found)
        return
    from dltutor.tui.app import run_app

    run_app(found.id, course, exit_process=True)
