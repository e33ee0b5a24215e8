"""`dltutor grade PATH...`: grade a class's answer files at once and report."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional, TextIO

import typer
from rich.console import Console
from rich.table import Table

from dltutor.cli.app import app, console, err_console, fail, load_course_or_exit
from dltutor.cli.console import one_line, safe, stream_is_unicode
from dltutor.i18n import _
from dltutor.i18n.oserror import os_reason


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    junit = "junit"


def write_report(output: Optional[Path], write: Callable[[TextIO, Console], None]) -> None:
    """Call write(stream, console for tables) on stdout or on the --output file (plain text, 120 wide)."""
    try:
        with open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout) as out:
            write(out, Console(file=out, width=120, color_system=None, emoji=False) if output else console)
    except OSError as exc:
        fail(_("cannot write {file}: {reason}").format(file=output, reason=os_reason(exc)))
    if output:
        err_console.print(_("report written to {file}").format(file=safe(output)), highlight=False, soft_wrap=True)


def grade_files(course, paths: list[str]):
    """(graded, errors): every readable file graded, every other one explained."""
    from dltutor.quiz import AnswerFileError, collect_answer_files, grade_sheet, read_answer_sheet

    files, errors = collect_answer_files(paths)
    graded = []
    for file in files:
        try:
            graded.append((file, grade_sheet(read_answer_sheet(file), course)))
        except AnswerFileError as exc:
            errors.append(exc)
        except Exception as exc:  # a bug must cost one file, never the class report; say it is one
            errors.append(AnswerFileError(file, _("could not be graded ({error}); this is a dltutor bug, please "
                                                  "report it").format(error=f"{type(exc).__name__}: {exc}")))
    return graded, errors


def print_tables(out: Console, graded, errors) -> None:
    from dltutor.quiz.reports import item_analysis
    from dltutor.quiz.scores import format_score

    results = Table(title=_("Results"), title_justify="left", header_style="bold")
    for name, justify in ((_("file"), "left"), (_("learner"), "left"), (_("lesson"), "left"), (_("score"), "right"),
                          ("%", "right"), (_("result"), "left")):
        results.add_column(name, justify=justify, overflow="fold")  # a Chinese name has no spaces to wrap at
    for file, r in graded:
        results.add_row(one_line(file), safe(r.learner or "—"), safe(r.lesson), format_score(r.score, r.max_score),
                        f"{r.fraction:.0%}", _("[green]passed[/]") if r.passed else _("[red]failed[/]"))
    if graded:
        out.print(results)
    items = Table(title=_("Item analysis: how the class did on each question"), title_justify="left",
                  header_style="bold")
    for n, name in enumerate((_("lesson"), _("question"), _("files"), _("correct"), _("partial"), _("skipped"),
                              _("points"))):
        items.add_column(name, justify="left" if n < 2 else "right")
    for s in item_analysis(graded):
        items.add_row(safe(s.lesson), safe(s.question), str(s.files), f"{s.pct_correct:.0f}%", str(s.partial),
                      str(s.unanswered), f"{s.pct_points:.0f}%")
    if graded:
        out.print(items)
    passed = sum(r.passed for _, r in graded)
    line = _("{n} file(s) graded: [green]{passed} passed[/], [red]{failed} failed[/]").format(
        n=len(graded), passed=passed, failed=len(graded) - passed)
    if errors:
        line = _("{summary}; [yellow]{n} could not be graded[/]").format(summary=line, n=len(errors))
    out.print(line, highlight=False)


@app.command("grade", help=_(
    "Grade many answer files (a class) and report; each bad file is named on stderr and the rest still count.\n\n"
    "Exit 0 all passed, 1 some failed, 2 some files could not be graded."))
def grade(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH...",
        help=_("Answer files, or folders searched recursively for *.yaml, *.yml, *.json; - reads stdin."),
    ),
    fmt: Format = typer.Option(
        Format.table, "--format", "-f", case_sensitive=False,
        help=_("table: results + per-question item analysis; json; csv (one row per file per question); "
               "junit (XML, one testcase per question, for CI and LMS tools)."),
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help=_("Write the report to FILE instead of the terminal.")),
) -> None:
    from dltutor.quiz import reports

    course = load_course_or_exit()
    try:
        graded, errors = grade_files(course, paths)
    except KeyboardInterrupt:  # nothing is saved by grading, so nothing is lost; say so in one line
        fail(_("stopped with Ctrl-C before every file was graded; no report was written"), code=130)
    for exc in errors:
        err_console.print(_("[bold red]error:[/] {message}").format(message=one_line(exc)), highlight=False,
                          soft_wrap=True)

    def write(out: TextIO, table_console: Console) -> None:
        if fmt is Format.table:
            print_tables(table_console, graded, errors)
        elif fmt is Format.json:
            out.write(reports.to_json(graded, errors, ascii_only=not output and not stream_is_unicode()) + "\n")
        elif fmt is Format.csv:
            out.write(reports.to_csv(graded))
        else:
            out.write(reports.to_junit(graded, errors))

    write_report(output, write)
    raise typer.Exit(2 if errors else 0 if all(r.passed for _, r in graded) else 1)
