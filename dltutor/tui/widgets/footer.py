"""The footer of keys, fitted to the terminal's width: every key of the screen stays visible.

If the keys and the Ctrl+P hint do not fit side by side, the hint goes (help lists the palette);
if the keys alone still do not fit, their spacing goes too. Refitted on every resize and whenever
the screen's keys change (a quiz's `r` appears at the end, a drill screen's `i` goes).

Key descriptions are declared with `N_()` (class-level BINDINGS are built at import, before the
language is known) and translated here, when the footer is drawn, so the language can change
in-process. Widths are measured in terminal cells (a CJK character takes two)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from dltutor.i18n import N_, _, language

PALETTE = N_("palette")  # Textual's word for the Ctrl+P key in the footer, translated with ours


def palette_width(key_display: str) -> int:
    """Cells the palette key takes, docked on the right: '▏ ^p palette ' (edge, padding, key, word)."""
    return 1 + 1 + cell_len(key_display) + 1 + cell_len(_(PALETTE)) + 1


class KeyFooter(Footer):
    """Textual's footer that picks the widest layout that fits, instead of cutting the last keys."""

    def __init__(self, width: int) -> None:
        super().__init__(compact=False, show_command_palette=True)
        self._bare = 0  # how many of the first keys are shown without their description (see _fit)
        self._fit(width)

    def _key_widths(self) -> list[tuple[int, int]]:
        """(cells of the key, cells of its description) for each shown key, in footer order."""
        shown = {active.binding.action: active.binding for active in self.screen.active_bindings.values()
                 if active.binding.show}
        return [(cell_len(self.app.get_key_display(b)), cell_len(_(b.description))) for b in shown.values()]

    def _palette_width(self) -> int:
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return palette_width(self.app.get_key_display(active.binding) if active else "^p")

    def _fit(self, width: int) -> bool:
        """Choose the layout for `width` columns; True if it changed.

        Widest first: keys spaced, with the palette hint; then compact; then, if compact keys still
        overflow, the first keys lose their descriptions (their key stays) until the rest fit. Quit and
        Help, the last two, always keep theirs: help lists every key with what it does."""
        compact, palette, bare = width < 80, width >= 80, 0
        if self.is_attached:  # before mounting there are no keys to measure: start from the width
            widths = self._key_widths()
            normal = sum(key + 1 + words + 2 for key, words in widths)
            compact, palette = normal > width, normal + self._palette_width() <= width
            room = sum(key + 1 + words + 1 for key, words in widths) + 1
            while compact and room > width and bare < len(widths) - 2:
                room -= 1 + widths[bare][1]
                bare += 1
        changed = (compact, palette, bare) != (self.compact, self.show_command_palette, self._bare)
        self._bare = bare
        self.set_reactive(Footer.compact, compact)  # no watchers: compose below makes the keys with it
        self.set_class(compact, "-compact")
        self.set_reactive(Footer.show_command_palette, palette)
        return changed

    def _shown(self) -> tuple:
        """What the keys look like now: each shown key with its state, and the layout."""
        keys = tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show)
        return keys, self.compact, self.show_command_palette, language()

    def compose(self) -> ComposeResult:
        if not self.app.screen_stack:  # the app is closing (its screens are gone): no keys to show
            return
        if self._bindings_ready and self.size.width:
            self._fit(self.size.width)
        if self._bindings_ready:
            self._composed = self._shown()
        bare = self._bare
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # descriptions are msgids: shown in the language in use
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
                if bare and not widget.has_class("-command-palette"):  # no room: the key alone, its words
                    widget.tooltip = widget.tooltip or widget.description  # kept in the tooltip
                    widget.description, bare = "", bare - 1
            yield widget

    def bindings_changed(self, screen) -> None:
        # Textual rebuilds every key whenever the screen's bindings are touched (each focus change,
        # mount and resume: eight times while the first screen opens); rebuild only when they differ.
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def _recompose_if_changed(self) -> None:
        if self.is_attached and self._shown() != getattr(self, "_composed", None):
            self.refresh(recompose=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._fit(event.size.width):
            self.refresh(recompose=True)


def key_footer(width: int) -> Footer:
    return KeyFooter(width)
