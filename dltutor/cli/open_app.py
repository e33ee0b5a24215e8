"""Open the Textual app (the TUI lands in a later issue; until then show the roadmap)."""

from __future__ import annotations

from dltutor.cli.app import console


def open_app(lesson_id: str | None) -> None:
    try:
        from dltutor.tui.app import run_app  # noqa: F401
    except ImportError:
        from dltutor.cli.roadmap import print_roadmap

        print_roadmap()
        console.print("\n[dim]The interactive app is not built yet; this is the roadmap. "
                      "Try `dltutor list`, `dltutor validate` and `dltutor doctor`.[/]")
        return
    run_app(lesson_id)
