"""Keys typed before a screen is on view belong to the screen before it.

A learner types ahead: Ctrl+P, "take quiz gan", Enter, then ↓ Enter as if the quiz were already
there. Without a guard those keys answer question 1 before it is shown. Each dltutor screen
records when it was first painted after being shown; the app drops key events older than that
(see `TutorApp.on_event`). Textual's own screens (the command palette) have no mark and get every key.
"""

from __future__ import annotations

import math

from textual import events
from textual._time import get_time  # the clock Textual stamps each Message with


class ReadyForKeys:
    """Mix into a Screen: `keys_from` is the time of its first paint since it was last shown."""

    keys_from: float = math.inf

    def on_screen_suspend(self, _: events.ScreenSuspend) -> None:
        self.keys_from = math.inf

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        self.keys_from = math.inf
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.keys_from = get_time()


def typed_too_early(screen, event: events.Key) -> bool:
    """Was this key pressed before `screen` was painted (so not meant for it)?"""
    return event.time < getattr(screen, "keys_from", -math.inf)
