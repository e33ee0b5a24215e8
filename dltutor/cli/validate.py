"""`dltutor validate`: check a lessons folder and report every problem by file."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from dltutor.cli.app import app, console, load_course_or_exit
from dltutor.cli.cjk_wrap import Wrapped
from dltutor.cli.console import safe, visible
from dltutor.i18n import _


@app.command("validate", help=_("Check lesson and quiz files; exit 0 when clean, 1 when there are problems."))
def validate(
    directory: Optional[Path] = typer.Argument(None, metavar="[DIR]",
                                               help=_("Lessons folder (default: the one in use).")),
) -> None:
    course = load_course_or_exit(directory)
    by_file: dict[Path, list] = defaultdict(list)
    for problem in course.problems:
        by_file[problem.file].append(problem)
    for file, problems in by_file.items():
        console.print(f"[bold]{safe(file)}[/]", highlight=False)
        for p in sorted(problems, key=lambda p: p.line or 0):
            console.print(Wrapped(Text(f"  {p.line or '-':>4}  {visible(p.message)}")), highlight=False)
    n_lessons = len(course.lessons) + len(course.broken)
    if course.ok:
        n_q = sum(len(l.quiz.questions) for l in course.lessons)
        clean = _("{lessons} lessons, {questions} questions, no problems").format(lessons=n_lessons, questions=n_q)
        console.print(f"[green]{clean}[/] ({safe(course.root)})", highlight=False)
        return
    console.print(_("[red]{problems} problem(s) in {files} file(s)[/]; {broken} of {lessons} lessons could not be "
                    "loaded").format(problems=len(course.problems), files=len(by_file), broken=len(course.broken),
                                     lessons=n_lessons), highlight=False)
    raise typer.Exit(1)
