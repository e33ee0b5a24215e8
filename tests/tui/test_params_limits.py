"""The lab form's limits: one maths notation in every language (no English ", " inside Chinese)."""

from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from dltutor.tui.widgets.params_form import limits_of


class _Params(BaseModel):
    hidden: Annotated[int, Field(ge=1, le=512)] = 16
    lr: Annotated[float, Field(gt=0, le=1)] = 0.1
    dropout: Annotated[float, Field(ge=0, lt=1)] = 0.0
    epochs: Annotated[int, Field(ge=1)] = 3
    decay: Annotated[float, Field(gt=0)] = 1.0
    top: Annotated[float, Field(lt=5)] = 1.0
    seed: int = 0
    steps: Annotated[int, Field(ge=1, le=1_000_000)] = 10


@pytest.mark.parametrize(("name", "words"), [
    ("hidden", "[1, 512]"), ("lr", "(0, 1]"), ("dropout", "[0, 1)"),
    ("epochs", "≥ 1"), ("decay", "> 0"), ("top", "< 5"), ("seed", ""), ("steps", "[1, 1000000]"),
])
def test_limits_are_maths_not_words(name, words):
    assert limits_of(_Params.model_fields[name]) == words
