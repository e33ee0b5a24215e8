"""A form built from an exercise's pydantic `Params`: one row per field, validated as you type.

Choices (Literal, bool) become selects, everything else a text box; pydantic does the
checking, and each field shows its own error under it, in words, so the learner knows
which value to change. `values` holds the last valid model instances, or None while any field is bad.
The label column is as wide as the longest name (up to `LABEL_MAX`); longer names end with `…`
and show whole in the field's tooltip.
"""

from __future__ import annotations

import unicodedata
from typing import Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from rich.cells import cell_len, set_cell_size
from pydantic.fields import FieldInfo
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from dltutor.i18n import N_, _, language

LABEL_MAX = 14  # columns for a name; the rest of the row is the value

# pydantic's messages for the mistakes a learner makes in the form, marked for translation (in
# English the learner reads pydantic's own message, word for word; other errors stay as pydantic says).
ERROR_MESSAGES = {
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "finite_number": N_("Input should be a finite number"),
    "missing": N_("Field required"),
}


def error_text(error: dict) -> str:
    """One pydantic error (from `ValidationError.errors()`) in the language in use."""
    template = ERROR_MESSAGES.get(error["type"])
    if template is None or language() == "en":
        return error["msg"]
    context = {k: f"{v:g}" if isinstance(v, float) else v for k, v in (error.get("ctx") or {}).items()}
    try:
        return _(template).format(**context)
    except (KeyError, IndexError, ValueError):  # a context this template does not expect
        return error["msg"]


def clip(text: str, width: int) -> str:
    """`text` in at most `width` columns (terminal cells: a CJK character takes two), ending with `…` when cut."""
    return text if cell_len(text) <= width else set_cell_size(text, max(0, width - 1)).rstrip() + "…"


def choices_of(info: FieldInfo) -> list | None:
    if info.annotation is bool:
        return [True, False]
    if get_origin(info.annotation) is Literal:
        return list(get_args(info.annotation))
    return None


def limits_of(info: FieldInfo) -> str:
    """'> 0', '≥ 1', '[1, 200]', '(0, 1]': the field's numeric constraints in maths notation.

    Two-sided limits are an interval, written the same in every language (an English ", "
    between two words of limits read badly inside a Chinese description)."""
    bounds = {}
    for item in info.metadata:
        for name in ("gt", "ge", "lt", "le"):
            if getattr(item, name, None) is not None:
                bounds[name] = getattr(item, name)
    low = ("(", bounds["gt"]) if "gt" in bounds else ("[", bounds["ge"]) if "ge" in bounds else None
    high = (")", bounds["lt"]) if "lt" in bounds else ("]", bounds["le"]) if "le" in bounds else None
    if low and high:
        return f"{low[0]}{_limit(low[1])}, {_limit(high[1])}{high[0]}"
    if low:
        return f"{'>' if low[0] == '(' else '≥'} {_limit(low[1])}"
    if high:
        return f"{'<' if high[0] == ')' else '≤'} {_limit(high[1])}"
    return ""


def _limit(value: float) -> str:
    """1000000 as typed in the field (not `:g`'s 1e+06); floats as `:g` (0.5, 1e-06)."""
    return str(value) if isinstance(value, int) else f"{value:g}"


def _numeric(info: FieldInfo) -> bool:
    return info.annotation in (int, float) or set(get_args(info.annotation)) in ({int, type(None)},
                                                                                {float, type(None)})


def as_number_text(value: object) -> object:
    """Full-width digits and signs as typed with a Chinese input method ('１０', '－１') read as '10', '-1'."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFKC", value).strip().replace("−", "-")


class ParamsForm(VerticalScroll):
    class Changed(Message):
        """The form's values changed; `valid` says whether every field is good."""

        def __init__(self, valid: bool) -> None:
            super().__init__()
            self.valid = valid

    def __init__(self, *models: type[BaseModel], start: dict[str, object] | None = None, **kwargs) -> None:
        """One section per model (e.g. run settings, then the exercise's hyperparameters); names must not clash.

        `start`: values to show instead of the defaults (e.g. the last run's); unknown names and
        values a choice field does not offer are ignored, other bad values are shown as errors.
        """
        super().__init__(**kwargs)
        self.models = models
        self.start = start or {}
        self.values: list[BaseModel] | None = [model() for model in models]  # None while a field is bad
        self.errors: dict[str, str] = {}

    def _fields(self):
        for model in self.models:
            yield from model.model_fields.items()

    @staticmethod
    def _help(info: FieldInfo) -> str:
        return " · ".join(x for x in (info.description or "", limits_of(info)) if x)

    def compose(self) -> ComposeResult:
        width = min(LABEL_MAX, max(cell_len(name) for name, _info in self._fields()) + 1)
        for name, info in self._fields():
            choices = choices_of(info)
            value = self.start.get(name, info.default)
            tooltip = f"{name}: {self._help(info)}"
            with Horizontal(classes="param-row"):
                label = Label(clip(name, width - 1), classes="param-label")
                label.styles.width = width
                yield label
                if choices is not None:
                    yield Select([(str(c), c) for c in choices], value=value if value in choices else info.default,
                                 allow_blank=False, compact=True, id=f"param-{name}", tooltip=tooltip)
                else:
                    yield Input("" if value is None else str(value), compact=True, id=f"param-{name}",
                                tooltip=tooltip, select_on_focus=True)
            yield Static(self._help(info), classes="param-help", id=f"help-{name}", markup=False)

    def on_mount(self) -> None:
        if self.start:
            self.validate()  # a remembered value that is no longer valid is marked at once

    def raw(self) -> dict[str, object]:
        """Every field's value as shown (text for text boxes), to restore the form later."""
        return {name: self.query_one(f"#param-{name}").value for name, _info in self._fields()}

    def validate(self) -> list[BaseModel] | None:
        """Validate every field; show each error under its field; return the model instances or None."""
        values, errors = [], {}
        for model in self.models:
            raw = {name: self.query_one(f"#param-{name}").value for name in model.model_fields}
            # An empty box means "none" where that is the default (e.g. no data folder), not the text "".
            raw = {name: None if value == "" and model.model_fields[name].default is None
                   else as_number_text(value) if _numeric(model.model_fields[name]) else value
                   for name, value in raw.items()}
            try:
                values.append(model.model_validate(raw))
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    name = str(err["loc"][0]) if err["loc"] else ""
                    errors.setdefault(name, _("{error} (got {value})").format(error=error_text(err),
                                                                               value=repr(err.get("input"))))
        for name, info in self._fields():
            self.query_one(f"#help-{name}", Static).update(errors.get(name, self._help(info)))
            self.query_one(f"#help-{name}").set_class(name in errors, "-invalid")
            self.query_one(f"#param-{name}").set_class(name in errors, "-invalid")
        self.errors = errors
        self.values = None if errors else values
        return self.values

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed(self.validate() is not None))
