"""The right input for each question type. Each posts `Answered(raw)` when the learner submits.

Raw answers are what `dltutor.quiz.check_answer` accepts: a key, a list of keys, or typed text;
checking and grading stay in the quiz package.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.markup import escape
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


class Answered(Message):
    def __init__(self, raw) -> None:
        super().__init__()
        self.raw = raw


def _label(key: str, text: str) -> str:
    return f"{escape(key)})  {escape(text)}"


class ChoiceAnswer(OptionList):
    """single and true/false: ↑↓ to choose, Enter to answer."""

    HINT = "choose with ↑↓ (or click), then Enter"

    def __init__(self, choices: dict[str, str]) -> None:
        super().__init__(*(Option(_label(k, v), id=k) for k, v in choices.items()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Answered(event.option.id))


class MultiAnswer(OptionList):
    """multiple: Space ticks or unticks a choice, Enter answers. (An OptionList, so long choices wrap.)"""

    HINT = "tick every right choice with Space, then Enter"
    BINDINGS = [Binding("space", "tick", "Tick"), Binding("enter", "submit", "Answer")]

    def __init__(self, choices: dict[str, str]) -> None:
        self.choices = choices
        self.ticked: list[str] = []
        super().__init__(*(Option(self._prompt(k), id=k) for k in choices))

    def _prompt(self, key: str) -> str:
        return f"{'☒' if key in self.ticked else '☐'} {_label(key, self.choices[key])}"

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        key = list(self.choices)[self.highlighted]
        self.ticked = [k for k in self.choices if (k in self.ticked) != (k == key)]  # toggle, keep choice order
        self.replace_option_prompt_at_index(self.highlighted, self._prompt(key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks, like Space
        self.action_tick()

    def action_submit(self) -> None:
        self.post_message(Answered(list(self.ticked)))


class OrderAnswer(OptionList):
    """order: ↑↓ to pick an item, Shift+↑↓ (or [ ]) to move it, Enter to answer."""

    HINT = "put them in order: ↑↓ picks an item, Shift+↑↓ (or [ ]) moves it, then Enter"

    BINDINGS = [
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up"),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down"),
        Binding("enter", "submit", "Answer"),
    ]

    def __init__(self, choices: dict[str, str], start: list[str]) -> None:
        self.choices = choices
        self.order = list(start)
        super().__init__(*self._items())

    def _items(self) -> list[Option]:
        return [Option(f"{i}. {_label(k, self.choices[k])}", id=k) for i, k in enumerate(self.order, 1)]

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
    """numeric and text: type, Enter to answer."""

    HINT = ""  # the quiz's own answer_format() says what to type

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Answered(event.value))


def answer_input(question: Question) -> Widget:
    if isinstance(question, SingleQuestion):
        return ChoiceAnswer(question.choices)
    if isinstance(question, TrueFalseQuestion):
        return ChoiceAnswer({"t": "true", "f": "false"})
    if isinstance(question, MultipleQuestion):
        return MultiAnswer(question.choices)
    if isinstance(question, OrderQuestion):
        start = list(question.choices)  # as written, unless that is already the answer
        return OrderAnswer(question.choices, start[::-1] if start == question.answer else start)
    placeholder = "type a number, then Enter" if isinstance(question, NumericQuestion) else "type your answer, then Enter"
    return TextAnswer(placeholder=placeholder)
