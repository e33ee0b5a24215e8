"""The footer of keys, fitted to the terminal: below 80 columns it drops its spacing and the
Ctrl+P hint (help lists the palette), so every key of the screen stays visible."""

from __future__ import annotations

from textual.widgets import Footer

NARROW = 80


def key_footer(width: int) -> Footer:
    return Footer(compact=width < NARROW, show_command_palette=width >= NARROW)
