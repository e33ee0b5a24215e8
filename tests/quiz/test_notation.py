"""Answers as people copy them from a textbook or end a sentence: the same grade at the prompt, in the app
and in a file, because all three call the one parser and the one text normalisation."""

import pytest

from dltutor.content.scalars import NumberError, parse_number
from dltutor.quiz.grading import normalize_text


@pytest.mark.parametrize("typed,value", [
    ("9.54×10⁻⁷", 9.54e-7), ("9.54 x 10^-7", 9.54e-7), ("9.54*10**-7", 9.54e-7), ("3·10**8", 3e8),
    ("2×10³", 2000.0), ("-1.5×10⁻²", -0.015), ("２×１０⁴", 20000.0), ("1/4 × 10^2", 25.0),
])
def test_powers_of_ten_as_printed(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["2⁸", "10⁻³", "1×10^999", "×10⁻⁷", "9.54×10"])
def test_bare_powers_stay_refused_with_a_way_to_write_them(typed):
    with pytest.raises(NumberError):
        parse_number(typed)


@pytest.mark.parametrize("typed,folded", [("Epoch.", "epoch"), ("mode collapse!", "mode collapse"),
                                          ("模式崩溃。", "模式崩溃"), ("p − y", "p − y"), ("torch.nn", "torch.nn")])
def test_a_sentence_end_does_not_change_a_text_answer(typed, folded):
    assert normalize_text(typed) == folded
