"""Open the Textual app at the roadmap (`dltutor` with no command). Textual is imported only here."""

from __future__ import annotations

from dltutor.cli.app import load_course_or_exit


def open_app(lesson_id: str | None) -> None:
    from dltutor.tui.app import run_app

    run_app(lesson_id, load_course_or_exit(), exit_process=True)
