"""`dltutor quiz LESSON`: take a lesson's quiz at the prompt, or grade an answer file."""

from __future__ import annotations

import re
import time
from typing import Optional

import typer
from dltutor.cli.app import app, console, fail, lesson_or_exit, load_course_or_exit
from dltutor.cli.console import json_text, safe, warn
from dltutor.i18n import N_, _, ngettext
from dltutor.quiz.scores import format_score

STATUS_STYLE = {
    "correct": ("✓", "green", N_("right")),
    "partial": ("◐", "yellow", N_("partly right")),
    "wrong": ("✗", "red", N_("wrong")),
    "unanswered": ("·", "dim", N_("skipped")),
}


def show_question_result(result) -> None:
    mark, style, word = STATUS_STYLE[result.status]
    console.print(f"[{style}]{mark} {_(word)}[/] [dim]({format_score(result.points, result.max_points)})[/]  "
                  f"{safe(result.feedback)}", highlight=False)


def _short(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` terminal cells with … (a CJK character is two cells wide)."""
    from rich.cells import cell_len, set_cell_size

    text = " ".join(text.split())
    return text if cell_len(text) <= limit else set_cell_size(text, limit - 1).rstrip() + "…"


def show_summary(lesson, result, answered: int | None = None) -> None:
    """Score, pass/fail, and the ideas behind every question not fully right."""
    total = len(result.questions)
    if answered is not None and answered < total:
        console.print("\n[yellow]" + _("Stopped after {answered} of {total} questions; the rest count as "
                                        "unanswered.").format(answered=answered, total=total) + "[/]")
    verdict = _("[bold green]passed[/]") if result.passed else _("[bold red]not passed yet[/]")
    console.print("\n" + _("[bold]Score {score}[/] ({percent}) — {verdict} [dim](pass mark {pass_mark})[/]").format(
        score=format_score(result.score, result.max_score), percent=f"{result.fraction:.0%}", verdict=verdict,
        pass_mark=f"{lesson.quiz.pass_mark:.0%}"), highlight=False)
    asked = list(zip(lesson.quiz.questions, result.questions))[:answered]  # not the ones never reached
    missed = [(q, r) for q, r in asked if r.status != "correct"]
    if missed:
        console.print(_("[bold]Ideas to revisit[/] (re-read the lesson, then try again):"))
        for question, r in missed:
            idea = re.split(r"\. |。", question.explanation)[0].rstrip(".")  # its first sentence carries the idea
            console.print(f"  [{STATUS_STYLE[r.status][1]}]{STATUS_STYLE[r.status][0]}[/] "
                                  f"{safe(_short(question.prompt, 70))} [dim]→[/] {safe(_short(idea, 120))}",
                          highlight=False)


def record_attempt(lesson_id: str, result, duration_s: float) -> None:
    """Save the attempt in the learner's progress store (a pass also marks the lesson quiz_passed)."""
    from dltutor.progress import open_store

    answers = {q.id: q.answer for q in result.questions if q.answer is not None}
    rows = [{"id": q.id, "status": q.status, "points": q.points, "max_points": q.max_points} for q in result.questions]
    with open_store() as store:
        store.record_attempt(lesson_id, answers, rows, result.score, result.max_score, result.passed,
                             duration_s, learner=result.learner)
        if store.warning:  # the store never raises on disk trouble; it says so here
            warn(store.warning)


def _ask(question, n: int, total: int):
    """Ask until the answer is well-formed; '?' shows the next hint, Enter alone skips."""
    from dltutor.quiz import AnswerError, answer_format, check_answer
    from dltutor.quiz.grading import type_name

    points = ngettext("{n} point", "{n} points", 1 if question.points == 1 else 2).format(n=f"{question.points:g}")
    console.print(f"\n[bold]{n}/{total}[/] [dim]{type_name(question)} · {points}[/]")
    console.print(safe(question.prompt), highlight=False)
    for key, text in getattr(question, "choices", {}).items():
        console.print(f"  [bold cyan]{safe(key)}[/]  {safe(text)}", highlight=False)
    hints = iter(question.hints)
    how = (_("Answer with {format} · ? for a hint · Enter to skip") if question.hints
           else _("Answer with {format} · Enter to skip")).format(format=safe(answer_format(question)))
    console.print(f"[dim]{how}[/]", highlight=False)
    while True:
        raw = console.input("[bold cyan]›[/] ")
        if raw.strip() == "?":
            hint = next(hints, None)
            console.print(_("[magenta]hint:[/] {hint}").format(hint=safe(hint)) if hint
                                  else _("[dim]No more hints.[/]"), highlight=False)
            continue
        try:
            return check_answer(question, raw)
        except AnswerError as exc:
            console.print(_("[red]{error}[/] — try again").format(error=safe(str(exc))), highlight=False)


def run_interactive(lesson, learner: str | None) -> None:
    from dltutor.quiz import grade_question, grade_quiz

    questions = lesson.quiz.questions
    console.print(_("[bold]Quiz: {title}[/] — {n} questions, pass mark {pass_mark}. Ctrl-C stops and keeps your "
                    "answers.").format(title=safe(lesson.title), n=len(questions),
                                       pass_mark=f"{lesson.quiz.pass_mark:.0%}"), highlight=False)
    answers, started, interrupted = {}, time.monotonic(), False
    try:
        for n, question in enumerate(questions, 1):
            answers[question.id] = _ask(question, n, len(questions))
            show_question_result(grade_question(question, answers[question.id]))
    except (KeyboardInterrupt, EOFError):
        interrupted = True
        console.print()
    result = grade_quiz(lesson.quiz, answers, lesson.id, learner)
    if answers:  # saved before the summary is printed: nothing on screen can lose the attempt
        record_attempt(lesson.id, result, round(time.monotonic() - started, 1))
    show_summary(lesson, result, answered=len(answers))
    raise typer.Exit(2 if interrupted else 0 if result.passed else 1)


def grade_answer_file(course, lesson, path: str, learner: str | None, as_json: bool) -> None:
    from dataclasses import replace

    from dltutor.quiz import AnswerFileError, describe_answer, grade_sheet, read_answer_sheet

    try:
        result = grade_sheet(read_answer_sheet(path), course, lesson.id)
    except AnswerFileError as exc:
        fail(str(exc))
    if learner and not result.learner:
        result = replace(result, learner=learner)
    record_attempt(lesson.id, result, 0.0)  # saved first: nothing printed can lose it (time spent is unknown)
    if as_json:
        print(json_text({"file": path, **result.to_dict()}))
    else:
        for n, r in enumerate(result.questions, 1):
            given = describe_answer(lesson.quiz.question(r.id), r.answer)
            console.print(f"[bold]{n}.[/] {safe(r.id)}  [dim]" + _("answer: {answer}").format(answer=safe(given))
                          + "[/]", highlight=False)
            show_question_result(r)
        show_summary(lesson, result)
    raise typer.Exit(0 if result.passed else 1)


@app.command("quiz", help=_(
    "Take a lesson's quiz: each answer is graded and explained at once; the score and what to revisit come last.\n\n"
    "Exit 0 passed, 1 not passed, 2 usage error, unreadable answer file, or stopped with Ctrl-C."))
def quiz(
    lesson_id: str = typer.Argument(..., metavar="LESSON", help=_("Lesson id, e.g. cnn (see `dltutor list`).")),
    answers: Optional[str] = typer.Option(
        None, "--answers", "-a", metavar="FILE",
        help=_("Grade an answer file (YAML or JSON; - reads stdin) instead of asking."),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("With --answers: print the result as JSON.")),
    template: bool = typer.Option(False, "--template",
                                  help=_("Print a ready-to-fill answer file for the lesson and exit.")),
    learner: Optional[str] = typer.Option(None, "--learner", metavar="NAME",
                                          help=_("Your name, saved with the attempt (an answer file's own wins).")),
) -> None:
    course = load_course_or_exit()
    lesson = lesson_or_exit(course, lesson_id)
    if template:
        from dltutor.quiz import answer_template

        print(answer_template(lesson), end="")
        return
    if as_json and not answers:
        fail(_("--json needs --answers FILE (the interactive quiz prints for people)"))
    if answers:
        grade_answer_file(course, lesson, answers, learner, as_json)
    run_interactive(lesson, learner)
