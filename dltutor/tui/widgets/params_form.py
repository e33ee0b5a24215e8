"""A form built from an exercise's pydantic `Params`: one row per field, validated as you type.

Choices (Literal, bool) become selects, everything else a text box; pydantic does the
checking, and each field shows its own error under it, in words, so the learner knows
which value to change. `values` holds the last valid model instances, or None while any field is bad.
"""

from __future__ import annotations

from typing import Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static


def choices_of(info: FieldInfo) -> list | None:
    if info.annotation is bool:
        return [True, False]
    if get_origin(info.annotation) is Literal:
        return list(get_args(info.annotation))
    return None


def limits_of(info: FieldInfo) -> str:
    """'> 0', '1 … 200': the field's numeric constraints in words."""
    bounds = {}
    for item in info.metadata:
        for name in ("gt", "ge", "lt", "le"):
            if getattr(item, name, None) is not None:
                bounds[name] = getattr(item, name)
    low = f"> {bounds['gt']:g}" if "gt" in bounds else f"≥ {bounds['ge']:g}" if "ge" in bounds else ""
    high = f"< {bounds['lt']:g}" if "lt" in bounds else f"≤ {bounds['le']:g}" if "le" in bounds else ""
    return ", ".join(x for x in (low, high) if x)


class ParamsForm(VerticalScroll):
    class Changed(Message):
        """The form's values changed; `valid` says whether every field is good."""

        def __init__(self, valid: bool) -> None:
            super().__init__()
            self.valid = valid

    def __init__(self, *models: type[BaseModel], **kwargs) -> None:
        """One section per model (e.g. run settings, then the exercise's hyperparameters); names must not clash."""
        super().__init__(**kwargs)
        self.models = models
        self.values: list[BaseModel] | None = [model() for model in models]  # None while a field is bad
        self.errors: dict[str, str] = {}

    def _fields(self):
        for model in self.models:
            yield from model.model_fields.items()

    @staticmethod
    def _help(info: FieldInfo) -> str:
        return " · ".join(x for x in (info.description or "", limits_of(info)) if x)

    def compose(self) -> ComposeResult:
        for name, info in self._fields():
            choices = choices_of(info)
            with Horizontal(classes="param-row"):
                yield Label(name, classes="param-label")
                if choices is not None:
                    yield Select([(str(c), c) for c in choices], value=info.default, allow_blank=False,
                                 compact=True, id=f"param-{name}", tooltip=self._help(info))
                else:
                    yield Input(str(info.default), compact=True, id=f"param-{name}", tooltip=self._help(info),
                                select_on_focus=True)
            yield Static(self._help(info), classes="param-help", id=f"help-{name}", markup=False)

    def validate(self) -> list[BaseModel] | None:
        """Validate every field; show each error under its field; return the model instances or None."""
        values, errors = [], {}
        for model in self.models:
            raw = {name: self.query_one(f"#param-{name}").value for name in model.model_fields}
            try:
                values.append(model.model_validate(raw))
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    name = str(err["loc"][0]) if err["loc"] else ""
                    errors.setdefault(name, f"{err['msg']} (got {err.get('input')!r})")
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
