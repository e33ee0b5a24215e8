"""`dltutor list`: the roadmap in order."""

from __future__ import annotations

import typer
from rich.table import Table

from dltutor.cli.app import app, console, load_course_or_exit
from dltutor.cli.console import json_text, safe
from dltutor.i18n import _


def roadmap_data(course) -> dict:
    return {
        "lessons_dir": str(course.root),
        "lessons": [
            {
                "id": l.id, "title": l.title, "order": l.meta.order, "requires": l.meta.requires,
                "minutes": l.meta.minutes, "objectives": l.meta.objectives, "exercise": l.meta.exercise,
                "questions": len(l.quiz.questions), "folder": str(l.folder),
            }
            for l in course.lessons
        ],
        "broken": [{"folder": name, "problems": [str(p) for p in probs]} for name, probs in course.broken.items()],
    }


def print_roadmap() -> None:
    course = load_course_or_exit()
    table = Table(title=_("dltutor roadmap"), title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("id", style="cyan")
    table.add_column(_("title"), overflow="fold")  # a Chinese title has no spaces to wrap at: fold, never cut
    table.add_column(_("requires"), style="dim")
    table.add_column(_("min"), justify="right")
    for lesson in course.lessons:
        table.add_row(str(lesson.meta.order), safe(lesson.id), safe(lesson.title),
                      safe(", ".join(lesson.meta.requires)) or "—", str(lesson.meta.minutes))
    for name, problems in course.broken.items():
        broken = _("broken: {n} problem(s), run `dltutor validate`").format(n=len(problems))
        table.add_row("!", f"[red]{safe(name)}[/]", f"[red]{broken}[/]", "", "")
    console.print(table)


@app.command("list", help=_("Show the lessons in roadmap order, with prerequisites and minutes."))
def list_lessons(as_json: bool = typer.Option(False, "--json", help=_("Print the roadmap as JSON."))) -> None:
    if as_json:
        print(json_text(roadmap_data(load_course_or_exit())))
    else:
        print_roadmap()
