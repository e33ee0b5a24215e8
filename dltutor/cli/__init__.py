"""Command line: one small module per command, all registered on one Typer app."""

from dltutor.cli.app import app
from dltutor.cli import doctor, drill, drill_grade, grade, lesson, progress, quiz, roadmap, train, validate  # noqa: F401  (register commands)


def main() -> None:
    from dltutor.cli.console import setup_streams

    setup_streams()  # a cp1252 or ASCII console degrades instead of crashing
    app()
