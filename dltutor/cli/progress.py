"""`dltutor progress`: where the learner stands, and moving or erasing the record."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from dltutor.cli.app import app, console, err_console, fail, lessons_root, load_course_or_exit
from dltutor.cli.console import json_text, safe, visible, warn
from dltutor.i18n import N_, _, ngettext
from dltutor.i18n.oserror import os_reason

progress_app = typer.Typer(
    help=_("Your progress per lesson (status, best quiz score, attempts, best run) and the lesson to do next.\n\n"
           "A lesson is done when its quiz is passed and its exercise target has been met."),
    no_args_is_help=False,
)
app.add_typer(progress_app, name="progress")


def _store():
    from dltutor.progress import open_store

    store = open_store()
    if store.warning:
        warn(store.warning)
    return store


def _describe(counts: dict[str, int]) -> str:
    return _("{marks}, {attempts}, {runs}").format(
        marks=ngettext("{n} lesson mark", "{n} lesson marks", counts["marks"]).format(n=counts["marks"]),
        attempts=ngettext("{n} quiz attempt", "{n} quiz attempts", counts["attempts"]).format(n=counts["attempts"]),
        runs=ngettext("{n} training run", "{n} training runs", counts["runs"]).format(n=counts["runs"]))


def _run_text(run: dict | None) -> str:
    from dltutor.progress.summary import headline_metric

    if not run:
        return "—"
    head = headline_metric(run["metrics"])
    value = run["metrics"].get(head[0]) if head else None
    shown = f"{head[0]} {value:.3g}" if isinstance(value, (int, float)) else f"{run['duration_s']:.0f} s"
    return (_("{metric}, target met") if run["target_met"] else _("{metric}, target not met")).format(metric=shown)


def _drill_totals() -> dict[str, int]:
    """Lesson id -> how many drills it has (empty if the drill bank cannot be read: progress still shows)."""
    from dltutor.drills.catalog import DrillBankError, load_drills
    from dltutor.settings import drill_bank_dir

    try:
        drills = load_drills(bank=drill_bank_dir(), lessons_root=lessons_root())
    except (DrillBankError, OSError):
        return {}
    totals: dict[str, int] = {}
    for d in drills:
        totals[d.lesson] = totals.get(d.lesson, 0) + 1
    return totals


_STATUS_STYLE = {"not started": "dim", "reading": "yellow", "quiz passed": "cyan", "exercise done": "cyan",
                 "done": "bold green"}


@progress_app.callback(invoke_without_command=True)
def show(ctx: typer.Context,
         as_json: bool = typer.Option(False, "--json", help=_("Print progress as JSON."))) -> None:
    """Show per lesson: status, best quiz score, attempts, best training run; then the recommended next lesson."""
    if ctx.invoked_subcommand:
        return
    from rich.table import Table

    from dltutor.progress.summary import status_text
    from dltutor.quiz.scores import format_score

    course = load_course_or_exit()
    store = _store()
    lessons = store.summary(course)
    next_id = store.recommended_next(course)
    totals = _drill_totals()
    if as_json:
        print(json_text({
            "database": str(store.path), "saving": store.writable, "warning": store.warning,
            "lessons": [{**p.to_dict(), "drills_total": totals.get(p.id, 0)} for p in lessons], "next": next_id,
        }))
        return
    drills_shown = any(totals.get(lesson.id) for lesson in course.lessons)  # a course without drills: no column
    # The other columns take about 70 characters: below 100 the titles were squeezed to one
    # letter a line, so a narrow terminal shows the ids alone (the roadmap shows the titles).
    titles_shown = console.width >= 100
    table = Table(title=_("dltutor progress"), title_justify="left", header_style="bold")
    for name, header, justify in (("#", "#", "right"), ("id", "id", "left"), ("title", N_("title"), "left"),
                                  ("status", N_("status"), "left"), ("best quiz", N_("best quiz"), "right"),
                                  ("tries", N_("tries"), "right"), ("drills", N_("drills"), "right"),
                                  ("best run", N_("best run"), "left")):
        if (name != "drills" or drills_shown) and (name != "title" or titles_shown):
            table.add_column(_(header), justify=justify, no_wrap=name not in ("title", "best run"),
                             overflow="fold")  # a Chinese title has no spaces to wrap at: fold, never cut
    for lesson, p in zip(course.lessons, lessons):
        quiz = format_score(p.best_score, p.max_score, percent=True)  # rounded as on the roadmap
        drills = [f"{len(p.drills_passed)}/{totals[p.id]}" if totals.get(p.id) else "—"] if drills_shown else []
        title = [safe(p.title)] if titles_shown else []
        table.add_row(str(lesson.meta.order), f"[cyan]{safe(p.id)}[/]", *title,
                      f"[{_STATUS_STYLE[p.status]}]{status_text(p.status)}[/]", quiz, str(p.attempts), *drills,
                      safe(_run_text(p.best_run)))
    console.print(table)
    if next_id:
        console.print(_("Next: [bold cyan]{id}[/] — {title}").format(id=safe(next_id),
                                                                    title=safe(course.get(next_id).title)),
                      highlight=False, soft_wrap=True)
    elif lessons:
        console.print(_("[bold green]Every lesson is done.[/]"))
    legend = (_("done = quiz passed and exercise target met · drills: passed of all (dltutor drill)") if drills_shown
              else _("done = quiz passed and exercise target met"))
    console.print(f"[dim]{legend}[/]")


@progress_app.command("export", help=_("Write all your progress to a JSON file, to move it to another machine."))
def export(
    file: Path = typer.Argument(..., metavar="FILE", help=_("JSON file to write (replaced if it exists).")),
) -> None:
    from dltutor.progress import ProgressError

    store = _store()
    try:
        counts = store.export(file)
    except ProgressError as exc:
        fail(str(exc), 1)
    except OSError as exc:
        fail(_("cannot write {file}: {reason}").format(file=file, reason=os_reason(exc)), 1)
    console.print(_("Exported {records} to {file}").format(records=_describe(counts), file=visible(file)),
                  markup=False, highlight=False, soft_wrap=True)


@progress_app.command("import", help=_("Merge progress from an exported JSON file; records you already have are "
                                        "skipped."))
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help=_("A file written by `dltutor progress export`.")),
) -> None:
    from dltutor.progress import ProgressError, TransferError

    store = _store()
    try:
        added = store.import_(file)
    except TransferError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(_("cannot read {file}: {reason}").format(file=file, reason=os_reason(exc)))
    except ProgressError as exc:
        fail(str(exc), 1)
    console.print(_("Imported {attempts} and {runs} from {file}; lesson marks merged").format(
        attempts=ngettext("{n} new quiz attempt", "{n} new quiz attempts", added["attempts"]).format(
            n=added["attempts"]),
        runs=ngettext("{n} new training run", "{n} new training runs", added["runs"]).format(n=added["runs"]),
        file=visible(file)), markup=False, highlight=False, soft_wrap=True)


@progress_app.command("reset", help=_("Erase the progress of one lesson, or of all; asks first unless --yes."))
def reset(
    lesson: Optional[str] = typer.Argument(None, metavar="LESSON", help=_("Lesson id (default: every lesson).")),
    yes: bool = typer.Option(False, "--yes", "-y", help=_("Do not ask for confirmation (for scripts).")),
) -> None:
    from dltutor.progress import ProgressError

    store = _store()
    if lesson is not None:
        course = load_course_or_exit()
        if lesson not in course.ids and lesson not in store.overview():
            fail(course.unknown_lesson_message(lesson))
    if not store.writable:
        fail(_("cannot erase progress: {reason}").format(reason=store.warning), 1)
    counts = store.counts(lesson)
    scope = _("lesson '{id}'").format(id=lesson) if lesson else _("every lesson")
    if not any(counts.values()):
        console.print(_("Nothing to erase for {scope}.").format(scope=safe(scope)), highlight=False, soft_wrap=True)
        return
    if not yes:
        try:
            confirmed = typer.confirm(_("Erase {records} for {scope}? This cannot be undone").format(
                records=_describe(counts), scope=scope), default=False)
        except typer.Abort:  # end of input: a script that forgot --yes
            console.print()  # end the prompt's line
            confirmed = False
        if not confirmed:
            err_console.print(_("Nothing erased (pass --yes to skip this question)."), highlight=False, soft_wrap=True)
            raise typer.Exit(1)
    try:
        erased = store.reset(lesson)
    except ProgressError as exc:
        fail(str(exc), 1)
    console.print(_("Erased {records} for {scope}.").format(records=_describe(erased), scope=safe(scope)),
                  highlight=False, soft_wrap=True)
