"""`?` help (the keys of the screen underneath, plus its short guide) and the too-small-terminal notice."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from dltutor.i18n import N_, _
from dltutor.tui.screens.ready import ReadyForKeys


def declared_here(node, key: str, action: str) -> bool:
    """Is `key` → `action` bound by dltutor itself on this node (not one of Textual's generic widget
    keys)? The key counts too: dltutor binding Space to page_down does not make Textual's PageDown
    one of its keys (help would list PageDown but not PageUp)."""
    return any(isinstance(b, Binding) and b.action == action and key in b.key.replace(" ", "").split(",")
               for cls in type(node).__mro__ if cls.__module__.startswith("dltutor.")
               for b in cls.__dict__.get("BINDINGS", []))


def documented_keys(screen: Screen) -> dict[str, Binding]:
    """key -> binding for dltutor's keys that work on `screen` now, from where its focus is. Textual
    leaves out keys the focused widget takes as text (`h` in an answer box), so every key listed works."""
    return {key: active.binding for key, active in screen.active_bindings.items()
            if (active.binding.description or active.binding.tooltip)
            and declared_here(active.node, key, active.binding.action)}


def keys_table(screen: Screen) -> Table:
    """dltutor's keys active on `screen` (its focused widget's, its own and the app's), one row each."""
    keys: dict[str, list[str]] = {}  # description -> keys, in the order Textual ranks them
    for binding in documented_keys(screen).values():  # the tooltip says more than the footer's word
        label = binding.key_display or screen.app.get_key_display(binding)
        keys.setdefault(_(binding.tooltip or binding.description), []).append(label)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for description, labels in keys.items():
        table.add_row(" ".join(sorted(set(labels), key=len)), description)
    table.add_row("↑ ↓ Tab", _("move; Enter opens or chooses; the mouse works too"))
    return table


class HelpScreen(ReadyForKeys, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1", "dismiss", N_("Close help")),
        Binding("q", "app.quit", N_("Quit")),  # as the line at the bottom says
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            title = escape(self.under.title or self.under.__class__.__name__)  # a lesson title may hold [ ]
            yield Static(_("[b]Keys — {screen}[/b]").format(screen=title), id="help-title")
            with VerticalScroll():
                yield Static(keys_table(self.under), id="help-keys")
                if self.under.HELP:
                    from textual.widgets import Markdown  # markdown-it is slow to import; not needed at startup

                    yield Markdown(_(self.under.HELP), id="help-guide")
                yield Static(_("[dim]Ctrl+P: command palette (open lesson …, take quiz …, open lab …) · "
                               "Esc: back · q / Ctrl+Q: quit[/]"))


class TooSmallScreen(ReadyForKeys, ModalScreen[None]):
    """Shown instead of a clipped layout; goes away by itself when the terminal grows."""

    BINDINGS = [Binding("q,ctrl+q", "app.quit", N_("Quit"))]

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.on_resize()

    def on_resize(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small", Static).update(
            _("dltutor needs at least {min_width}×{min_height}; this terminal is {width}×{height}.\n"
              "Make the window larger, or press q to quit.").format(
                min_width=self.minimum[0], min_height=self.minimum[1], width=width, height=height)
        )
