"""`dltutor validate`: check a lessons folder and report every problem by file."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from dltutor.cli.app import app, console, load_course_or_exit
from dltutor.cli.console import safe, visible
from dltutor.i18n import _


@app.command("validate", help=_("Check lesson and quiz files; exit 0 when clean, 1 when there are problems."))
def validate(
    directory: Optional[Path] = typer.Argument(None, metavar="[DIR]",
                                               help=_("Lessons folder (default: the one in use).")),
) -> None:
    from dltutor.content.translation_check import check_translations

    course = load_course_or_exit(directory)
    translations = check_translations(course)
    everything = course.problems + translations.problems
    by_file: dict[Path, list] = defaultdict(list)
    for problem in everything:
        by_file[problem.file].append(problem)
    for file, problems in by_file.items():
        console.print(f"[bold]{safe(file)}[/]", highlight=False, soft_wrap=True)  # a path is never broken
        for p in sorted(problems, key=lambda p: p.line or 0):
            console.print(Text(f"  {p.line or '-':>4}  {visible(p.message)}"), highlight=False)
    n_lessons = len(course.lessons) + len(course.broken)
    if not everything:
        n_q = sum(len(l.quiz.questions) for l in course.lessons)
        clean = _("{lessons}, {questions} questions, no problems").format(
            lessons=_lessons_text(n_lessons, translations.translated), questions=n_q)
        console.print(f"[green]{clean}[/] ({safe(course.root)})", highlight=False)
        return
    console.print(_("[red]{problems} problem(s) in {files} file(s)[/]; {broken} of {lessons} lessons could not be "
                    "loaded").format(problems=len(everything), files=len(by_file), broken=len(course.broken),
                                     lessons=n_lessons), highlight=False)
    raise typer.Exit(1)


def _lessons_text(n_lessons: int, translated: dict[str, int]) -> str:
    """'10 lessons', or '10 lessons (10 with 中文)' when the course has translations."""
    from dltutor.i18n import ngettext
    from dltutor.i18n.choice import LANGUAGE_NAMES

    shown = [_("{n} with {language}").format(n=n, language=LANGUAGE_NAMES[lang]) for lang, n in translated.items() if n]
    if not shown:
        return ngettext("{n} lesson", "{n} lessons", n_lessons).format(n=n_lessons)
    return ngettext("{n} lesson ({translated})", "{n} lessons ({translated})", n_lessons).format(
        n=n_lessons, translated=", ".join(shown))
