"""`dltutor drill grade WORKSPACE...`: grade a class's drill workspaces at once and report."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dltutor.cli.app import err_console, fail
from dltutor.cli import drill as drill_cli
from dltutor.cli.drill import _memory_option, _timeout_option, drill_app, load_bank_drills, resolve, status_word
from dltutor.cli.grade import Format, write_report
from dltutor.i18n import _


def _first_sentence(message: str) -> str:
    """'Your code ran longer than the time limit (2 s) and was stopped.' without the advice after it.

    The advice speaks to the learner and filled ten table lines per timeout; the full
    message stays in the json, csv and junit reports.
    """
    return message.split("\n")[0].split(". ")[0].removesuffix(".") + "."


def print_tables(out: Console, rows, shares, errors) -> None:
    results = Table(title=_("Results: each learner and drill"), title_justify="left", header_style="bold")
    for n, name in enumerate((_("learner"), _("drill"), _("status"), _("where it failed"))):
        results.add_column(name, no_wrap=n < 3, overflow="fold")
    for r in rows:
        where = "" if r.passed or r.status == "not started" else (
            r.result.get("case") or _first_sentence(r.result.get("message") or ""))
        style = "green" if r.passed else "red" if r.status != "not started" else "dim"
        results.add_row(escape(r.learner), r.drill, f"[{style}]{status_word(r.status)}[/]", escape(where or ""))
    if rows:
        out.print(results)
    by_drill = Table(title=_("Share of the class that passed each drill"), title_justify="left", header_style="bold")
    for n, name in enumerate((_("lesson"), _("drill"), _("passed"), _("share"))):
        by_drill.add_column(name, justify="left" if n < 2 else "right")
    for s in shares:
        by_drill.add_row(s.lesson, s.drill, f"{s.passed}/{s.learners}", f"{s.share:.0%}")
    if rows:
        out.print(by_drill)
    learners = {r.learner for r in rows}
    line = _("{learners} learner(s), {results} drill result(s): [green]{passed} passed[/]").format(
        learners=len(learners), results=len(rows), passed=sum(r.passed for r in rows))
    if errors:
        line = _("{summary}; [yellow]{n} workspace(s) could not be graded[/]").format(summary=line, n=len(errors))
    out.print(line, highlight=False)


@drill_app.command("grade", help=_(
    "Grade a class: every learner's code runs in its own limited process; the learners' records are untouched.\n\n"
    "Exit 0 all passed, 1 some did not pass, 2 some workspaces could not be graded."))
def grade(
    paths: List[str] = typer.Argument(..., metavar="WORKSPACE...",
                                      help=_("Learners' drill workspaces (folders made by `dltutor drill init`).")),
    fmt: Format = typer.Option(Format.table, "--format", "-f", case_sensitive=False,
                               help=_("table: a row per learner and drill + the share that passed each drill; "
                                      "json; csv; junit (one testsuite per learner).")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help=_("Write the report to FILE instead of the terminal.")),
    only: Optional[List[str]] = typer.Option(None, "--drill", "-d", metavar="ID",
                                             help=_("Grade only these drills or lessons (repeat the option).")),
    timeout: float = _timeout_option(),
    memory: int = _memory_option(),
    jobs: int = typer.Option(2, "--jobs", "-j", min=1, help=_("Checks run at the same time.")),
) -> None:
    from dltutor.drills import grading, reports
    from dltutor.drills.runner import RunnerError

    runner = drill_cli.make_runner().start()
    try:
        drills = load_bank_drills()
        if only:
            drills = resolve(only, drills)
        workspaces, errors = grading.open_workspaces(paths, drills)
        try:
            rows = list(grading.grade(workspaces, drills, runner, timeout_s=timeout, memory_mb=memory or None,
                                      jobs=jobs, errors=errors))
        except RunnerError as exc:
            fail(_("could not run the checks: {error}").format(error=exc), 1)
    finally:
        runner.close()
    for exc in errors:
        err_console.print(_("[bold red]error:[/] {message}").format(message=escape(str(exc))), highlight=False,
                          soft_wrap=True)
    shares = grading.shares(rows, drills)

    def write(out: TextIO, table_console: Console) -> None:
        if fmt is Format.table:
            print_tables(table_console, rows, shares, errors)
        elif fmt is Format.json:
            out.write(reports.to_json(rows, shares, errors) + "\n")
        elif fmt is Format.csv:
            out.write(reports.to_csv(rows))
        else:
            out.write(reports.to_junit(rows, errors))

    write_report(output, write)
    raise typer.Exit(2 if errors else 0 if rows and all(r.passed for r in rows) else 1)
