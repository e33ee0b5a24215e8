"""Open the Textual app at the roadmap (`dltutor` with no command). Textual is imported only here."""

from __future__ import annotations

from dltutor.cli.app import load_course_or_exit, state


def open_app(lesson_id: str | None) -> None:
    from dltutor.launch import course_source
    from dltutor.tui.app import run_app

    source = course_source(state.lessons)
    if source.outline is None:  # first start, or a lesson changed: load now, with the CLI's clean errors
        load_course_or_exit(source=source)
    run_app(lesson_id, source, exit_process=True)
