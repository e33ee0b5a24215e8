"""Text -> number and text -> true/false, the way people write them. The one parser for both.

Every number a person gives dltutor (a quiz answer at the prompt, in the app or
in an answer file; a points value or numeric key in a teacher's quiz file) goes
through `parse_number`, so the same characters always mean the same value.

Accepted (after Unicode NFKC, so full-width `０．５` is `0.5`):

* plain and signed decimals: `10`, `010` (= 10), `-1.386`, `+2`, `.5`, `5.`
* scientific notation: `1e-3`, `2.5E+3`, and as textbooks print it: `9.54×10⁻⁷`, `9.54 x 10^-7`, `3·10**8`
* fractions: `1/4`, `-3 / 4`, `½`, `1÷4`
* thousands separators: `2,400`, `2 400`, `1'000`, `1_000`, `1.000.000`
* a decimal comma: `1,5` (= 1.5), `2.400,5` (= 2400.5), `2 400,5`

The one ambiguous case is a single comma followed by exactly three digits after
a non-zero whole part: `2,400` is read as 2400 (thousands), as English-language
sources write it; `0,125` is 0.125 and `1,50` is 1.5. Anything else raises
NumberError saying what to type. NaN and infinity are refused, and so are superscript
and subscript digits: NFKC would silently read `2⁸` as 28.
"""

from __future__ import annotations

import math
import re
import unicodedata

from dltutor.i18n import N_, _

_MINUS = str.maketrans({"−": "-", "–": "-", "‒": "-", "﹣": "-", "⁄": "/", "∕": "/", "÷": "/"})  # NFKC: ½ is 1⁄2
_SHAPE = re.compile(r"([+-]?)([\d.,' _]+?)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:([,.' _])\d{3})(?:\1\d{3})*")
HOW_TO_TYPE = N_("type digits like 0.25, -1.386, 1/4, 2,400 or 1e-3")
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "对", "是", "正确"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "错", "否", "错误"})
NULL_WORDS = frozenset({"~", "null"})  # how YAML and JSON write "no value"


class NumberError(ValueError):
    """Text that is not a number; the message names the text and says what to type."""


def kind_of(value) -> str:
    """What a value from a file is, in a person's words: 'a list', 'a mapping', 'true/false'."""
    if isinstance(value, (list, tuple)):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _("true/false") if isinstance(value, bool) else _("a {type}").format(type=type(value).__name__)


def _shown(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_number(raw: str | int | float) -> float:
    """The number a person wrote, as a finite float; NumberError (a ValueError) says what to type instead.

    Accepts ints and floats as they are (not bools). See the module docstring for the text forms.
    """
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise NumberError(_("expected a number, got {kind}").format(kind=kind_of(raw)))
    if isinstance(raw, str):
        value = _parse_text(raw)
    else:
        value = float(raw)
    if not math.isfinite(value):
        raise NumberError(_("'{text}' is not a finite number").format(text=_shown(str(raw))))
    return value


_POWER_OF_TEN = re.compile(r"(?P<mantissa>.+?)\s*[×xX*·]\s*(?:10|１０)\s*(?:(?:\^|\*\*)\s*(?P<exp>[+\-−]?\d+)"
                           r"|(?P<raised>[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_RAISED = str.maketrans("⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "+-0123456789")


def _parse_text(raw: str) -> float:
    power = _POWER_OF_TEN.fullmatch(raw.strip())
    if power:  # 9.54×10⁻⁷: the mantissa by the usual rules, the exponent written out or raised
        exponent = int((power["exp"] or power["raised"].translate(_RAISED)).replace("−", "-"))
        if abs(exponent) > 400:
            raise NumberError(_("'{text}' is not a finite number").format(text=_shown(raw)))
        return float(f"{_parse_text(power['mantissa'])!r}e{exponent}")  # 9.54e-7 exactly, not 9.54 · 1e-7
    raised = [c for c in raw if unicodedata.decomposition(c).startswith(("<super>", "<sub>"))]
    if raised:  # NFKC would read 2⁸ as 28 and 10⁻³ as 10-3
        raise NumberError(_("'{text}' has a raised or lowered character ({char}): write the value itself, or a power "
                            "of ten as 1e-3 or 1×10⁻³").format(text=_shown(raw), char=raised[0]))
    vulgar = [c for c in raw if unicodedata.decomposition(c).startswith("<fraction>")]
    if vulgar and raw.strip().lstrip("+-−") != vulgar[0]:  # NFKC would read 1½ as 11⁄2 = 5.5
        raise NumberError(_("'{text}' mixes digits and {char}: write it as a decimal (1.5) or a fraction (3/2)").format(
            text=_shown(raw), char=vulgar[0]))
    text = unicodedata.normalize("NFKC", raw).translate(_MINUS).strip()
    if text.count("/") == 1:  # learners write fractions: 1/4
        top, bottom = (part.strip() for part in text.split("/"))
        numerator, denominator = _decimal(top, raw), _decimal(bottom, raw)
        if denominator == 0:
            raise NumberError(_("'{text}' divides by zero").format(text=_shown(raw)))
        return numerator / denominator
    return _decimal(text, raw)


def _decimal(text: str, raw: str) -> float:
    if text.endswith("%"):
        raise NumberError(_("'{text}' is not a number: type it without the % sign (50% as 0.5 when the question asks "
                            "for a fraction)").format(text=_shown(raw)))
    shape = _SHAPE.fullmatch(text)
    if not shape or not any(c.isdigit() for c in shape.group(2)):
        raise NumberError(_("'{text}' is not a number: {how}").format(text=_shown(raw), how=_(HOW_TO_TYPE)))
    sign, body, exponent = shape.groups()
    whole, fraction = _split_decimal(body)
    if not (whole == "" or whole.isdigit() or _GROUPED.fullmatch(whole)) or not (fraction.isdigit() or fraction == ""):
        raise NumberError(_("'{text}' is not a number: {how} (group thousands in threes: 12,345 or 12 345)").format(
            text=_shown(raw), how=_(HOW_TO_TYPE)))
    digits = "".join(c for c in whole if c.isdigit())
    return float(f"{sign}{digits or '0'}.{fraction or '0'}{exponent or ''}")


def _split_decimal(body: str) -> tuple[str, str]:
    """(whole part, digits after the decimal mark) under the rules of the module docstring."""
    marks = [i for i, c in enumerate(body) if c in ".,"]
    if not marks:
        return body, ""
    last = marks[-1]
    kinds = {body[i] for i in marks}
    if len(kinds) == 1 and len(marks) > 1:  # 1,000,000 or 1.000.000: separators only
        return body, ""
    whole, fraction = body[:last], body[last + 1:]
    if len(kinds) == 1 and body[last] == "," and len(fraction) == 3 and whole.isdigit() \
            and len(whole) <= 3 and whole[0] != "0":
        return body, ""  # 2,400 is 2400: a comma before exactly three digits groups thousands
    return whole, fraction


def parse_truth(raw: str | bool | int) -> bool:
    """true/false from the words people use (yes/no, t/f, 1/0, 对/错 …); ValueError otherwise."""
    if isinstance(raw, bool):
        return raw
    word = " ".join(unicodedata.normalize("NFKC", str(raw)).casefold().split()) if isinstance(raw, (str, int)) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("expected true or false, got {text}").format(text=repr(_shown(str(raw)))))


def optional_text(raw):
    """None for YAML's ways of writing "no value" (`~`, `null`, empty), else the value unchanged."""
    if isinstance(raw, str) and raw.strip().casefold() in NULL_WORDS | {""}:
        return None
    return raw
