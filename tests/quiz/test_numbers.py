"""The one number parser (issue 12: "1,5 is refused with no hint"): what people type, or what to type."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dltutor.quiz import AnswerError, check_answer, parse_number
from dltutor.content.models import NumericQuestion
from dltutor.content.scalars import NumberError

READ = [
    ("10", 10), ("010", 10), ("-1.386", -1.386), ("+2", 2), (".5", 0.5), ("5.", 5), ("1e-3", 0.001),
    ("2.5E+3", 2500), ("1/4", 0.25), ("-3 / 4", -0.75), ("2,400", 2400), ("2 400", 2400), ("1'000", 1000),
    ("1_000", 1000), ("1.000.000", 1e6), ("1,000,000", 1e6), ("1,5", 1.5), ("2.400,5", 2400.5),
    ("2 400,5", 2400.5), ("12,345.67", 12345.67), ("0,125", 0.125), ("1,50", 1.5), ("１２", 12),
    ("０．５", 0.5), ("−2", -2), ("  7  ", 7), ("1,5e3", 1500), ("2\u202f400", 2400),
]


@pytest.mark.parametrize("text,value", READ)
def test_reads_what_people_type(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


REFUSED = [
    ("abc", "type digits like"), ("1.5.3", "is not a number"), ("12,34,567", "group thousands in threes"),
    ("1:30", "is not a number"), ("0x1F", "is not a number"), ("nan", "is not a number"),
    ("inf", "is not a number"), ("1e999", "not a finite number"), ("50%", "without the % sign"),
    ("1/0", "divides by zero"), ("-", "is not a number"), ("1 2", "group thousands"),
]


@pytest.mark.parametrize("text,message", REFUSED)
def test_refusal_says_what_to_type(text, message):
    with pytest.raises(NumberError, match=message):
        parse_number(text)
    question = NumericQuestion(id="q", type="numeric", prompt="p", answer=1, explanation="e")
    with pytest.raises(AnswerError, match=message):
        check_answer(question, text)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_python_float_text_round_trips(x):
    assert parse_number(repr(x)) == x


@given(st.integers(min_value=1000, max_value=10**15), st.sampled_from([",", " ", "_", "'"]))
def test_thousands_separators(n, sep):
    assert parse_number(f"{n:,}".replace(",", sep)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma(whole, cents):
    assert parse_number(f"{whole:,}".replace(",", ".") + f",{cents:02d}") == pytest.approx(whole + cents / 100)
