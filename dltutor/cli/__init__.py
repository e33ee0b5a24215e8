"""Command line: one small module per command, all registered on one Typer app."""

from dltutor.i18n.choice import start_process

start_process()  # the language first: Typer builds the commands' help texts when their modules are imported
from dltutor.cli.app import app  # noqa: E402
from dltutor.cli import doctor, drill, drill_grade, grade, lesson, progress, quiz, roadmap, train, validate  # noqa: F401,E402  (register commands)


def main() -> None:
    from dltutor.cli.console import setup_streams

    setup_streams()  # a cp1252 or ASCII console degrades instead of crashing
    app()
