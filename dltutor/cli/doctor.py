"""`dltutor doctor`: versions, the training device and why, folders, terminal."""

from __future__ import annotations

import json
import platform
import sys
from importlib import metadata

import typer

from dltutor.cli.app import app, console, lessons_root
from dltutor.cli.console import safe
from dltutor.i18n import N_, _

NOT_INSTALLED = N_("not installed")  # a value of the JSON report too: translated where the table shows it


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return NOT_INSTALLED


def doctor_report() -> dict:
    from dltutor.i18n.choice import current_choice
    from dltutor.settings import data_dir

    lang, why = current_choice()
    report = {
        "python": f"{platform.python_version()} ({sys.executable})",
        "torch": _version("torch"),
        "torchvision": _version("torchvision"),
        "textual": _version("textual"),
        "lessons_dir": str(lessons_root()),
        "data_dir": str(data_dir()),
        "language": {"code": lang, "reason": why},
        "terminal": {
            "size": f"{console.size.width}x{console.size.height}",
            "is_terminal": console.is_terminal,
            "color_system": console.color_system or "none",
        },
    }
    try:
        from dltutor.lab.device import pick_device

        report["device"] = pick_device().as_dict()
    except Exception as exc:  # doctor reports problems, it never crashes on them
        report["device"] = {"error": f"{type(exc).__name__}: {exc}"}
    return report


@app.command("doctor", help=_("Check the installation: versions, the device training would use, folders, terminal."))
def doctor(as_json: bool = typer.Option(False, "--json", help=_("Print the report as JSON."))) -> None:
    report = doctor_report()
    if as_json:
        print(json.dumps(report, indent=2))
        return
    from rich.table import Table

    table = Table(show_header=False, title="dltutor doctor", title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")  # a Chinese phrase has no spaces to wrap at: fold, never cut with …
    for key in ("python", "torch", "torchvision", "textual"):
        table.add_row(key, _(report[key]) if report[key] == NOT_INSTALLED else report[key])
    dev = report["device"]
    if "error" in dev:
        table.add_row(_("device"), f"[red]{safe(dev['error'])}[/]")
    else:
        table.add_row(_("device"), _("{device} — {name} ({detail}); {reason}").format(
            device=dev["device"], name=dev["name"], detail=dev["detail"], reason=dev["reason"]))
    table.add_row(_("lessons"), safe(report["lessons_dir"]))  # paths may hold [brackets]
    table.add_row(_("data"), safe(report["data_dir"]))
    table.add_row(_("language"), safe(_("{code} ({reason})").format(code=report["language"]["code"],
                                                                  reason=report["language"]["reason"])))
    term = report["terminal"]
    table.add_row(_("terminal"), _("{size}, colours: {colours}, tty: {tty}").format(
        size=term["size"], colours=term["color_system"], tty=term["is_terminal"]))
    console.print(table, highlight=False)
