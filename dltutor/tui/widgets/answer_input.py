"""The right input for each question type. Each posts `Answered(raw)` when the learner submits.

Raw answers are what `dltutor.quiz.check_answer` accepts: a key, a list of keys, or typed text;
checking and grading stay in the quiz package.
"""

from __future__ import annotations

import unicodedata

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from dltutor.content import (
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)
from dltutor.i18n import N_, _


class Answered(Message):
    def __init__(self, raw) -> None:
        super().__init__()
        self.raw = raw


def _label(key: str, text: str, before: str = "") -> Table:
    """`before` `key)`  `text`, with the text's wrapped lines indented under its first (a hanging
    indent), so a long choice still reads as one item."""
    row = Table.grid()
    row.add_column(no_wrap=True)
    row.add_column()
    row.add_row(Text(f"{before}{key})  "), Text(text))
    return row


def _fold(character: str | None) -> str | None:
    """'B' and full-width 'ｂ' press the same choice as 'b'."""
    return None if character is None else unicodedata.normalize("NFKC", character).casefold()


class KeyedChoices(OptionList):
    """An option list whose labels `a)`, `t)` are keys: pressing one goes to that choice (`on_choice_key`)."""

    keys: list[str]

    def _key_of(self, character: str | None) -> str | None:
        folded = _fold(character)
        return next((k for k in self.keys if folded and _fold(k) == folded), None)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # A choice's letter wins over a screen key with the same letter (h, n, q …) while the list has focus.
        return self._key_of(character) is not None

    def on_key(self, event: events.Key) -> None:
        key = self._key_of(event.character)
        if key is not None:
            event.stop()
            event.prevent_default()
            self.highlighted = self.keys.index(key)
            self.on_choice_key(key)

    def on_choice_key(self, key: str) -> None:
        """What pressing a choice's letter does beyond highlighting it."""


class ChoiceAnswer(KeyedChoices):
    """single and true/false: a choice's letter or ↑↓ to choose, Enter to answer."""

    HINT = N_("press a choice's letter (or ↑↓, or click), then Enter")

    def __init__(self, choices: dict[str, str]) -> None:
        self.keys = list(choices)
        super().__init__(*(Option(_label(k, v), id=k) for k, v in choices.items()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Answered(event.option.id))


class MultiAnswer(KeyedChoices):
    """multiple: a choice's letter (or Space) ticks or unticks it, Enter answers. (An OptionList, so long
    choices wrap.)"""

    HINT = N_("tick every right choice with its letter (or ↑↓ and Space), then Enter")
    BINDINGS = [Binding("space", "tick", N_("Tick")), Binding("enter", "submit", N_("Answer"))]

    def __init__(self, choices: dict[str, str]) -> None:
        self.choices = choices
        self.keys = list(choices)
        self.ticked: list[str] = []
        super().__init__(*(Option(self._prompt(k), id=k) for k in choices))

    def _prompt(self, key: str) -> Table:
        return _label(key, self.choices[key], before=f"{'☒' if key in self.ticked else '☐'} ")

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        key = list(self.choices)[self.highlighted]
        self.ticked = [k for k in self.choices if (k in self.ticked) != (k == key)]  # toggle, keep choice order
        self.replace_option_prompt_at_index(self.highlighted, self._prompt(key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks, like Space
        self.action_tick()

    def on_choice_key(self, key: str) -> None:
        self.action_tick()

    def action_submit(self) -> None:
        self.post_message(Answered(list(self.ticked)))


class OrderAnswer(KeyedChoices):
    """order: a choice's letter or ↑↓ picks an item, Shift+↑↓ (or [ ]) moves it, Enter answers."""

    HINT = N_("put them in order: a letter or ↑↓ picks an item, Shift+↑↓ (or [ ]) moves it, then Enter")

    BINDINGS = [
        Binding("shift+up,left_square_bracket", "move(-1)", N_("Move up")),
        Binding("shift+down,right_square_bracket", "move(1)", N_("Move down")),
        Binding("enter", "submit", N_("Answer")),
    ]

    def __init__(self, choices: dict[str, str], start: list[str]) -> None:
        self.choices = choices
        self.order = list(start)
        super().__init__(*self._items())

    @property
    def keys(self) -> list[str]:  # in the order shown, so a letter highlights the row it labels
        return self.order

    def _items(self) -> list[Option]:
        return [Option(_label(k, self.choices[k], before=f"{i}. "), id=k) for i, k in enumerate(self.order, 1)]

    def action_move(self, delta: int) -> None:
        at = self.highlighted
        if at is None or not 0 <= at + delta < len(self.order):
            return
        self.order[at], self.order[at + delta] = self.order[at + delta], self.order[at]
        self.clear_options()
        self.add_options(self._items())
        self.highlighted = at + delta

    def action_submit(self) -> None:
        self.post_message(Answered(list(self.order)))


class TextAnswer(Input):
    """numeric and text: type, Enter to answer. Every character typed is kept as typed."""

    HINT = ""  # the quiz's own answer_format() says what to type

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) or _is_typed_space(character)

    def _on_key(self, event: events.Key) -> None:
        # Textual's Input inserts only characters for which str.isprintable() holds, and that is
        # False for the full-width space U+3000 (and other Unicode spaces) typed by Chinese IMEs.
        if _is_typed_space(event.character):
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(event.character)  # prevent_default: Input's own handler is skipped

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Answered(event.value))


def _is_typed_space(character: str | None) -> bool:
    """A space other than ' ' (U+3000 IDEOGRAPHIC SPACE, no-break space …): text, not a control key."""
    return character is not None and len(character) == 1 and unicodedata.category(character) == "Zs" \
        and character != " "


def answer_input(question: Question) -> Widget:
    if isinstance(question, SingleQuestion):
        return ChoiceAnswer(question.choices)
    if isinstance(question, TrueFalseQuestion):
        return ChoiceAnswer({"t": _("true"), "f": _("false")})
    if isinstance(question, MultipleQuestion):
        return MultiAnswer(question.choices)
    if isinstance(question, OrderQuestion):
        start = list(question.choices)  # as written, unless that is already the answer
        return OrderAnswer(question.choices, start[::-1] if start == question.answer else start)
    placeholder = (_("type a number, then Enter") if isinstance(question, NumericQuestion)
                   else _("type your answer, then Enter"))
    return TextAnswer(placeholder=placeholder)
