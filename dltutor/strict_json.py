"""Strict JSON for everything dltutor writes (events, records, reports): no NaN or Infinity, ever.

Python's json module writes NaN and Infinity by default, which JSON parsers in other languages (and
`json.loads(..., parse_constant=...)`-free tools like jq) reject. Every writer goes through `dumps`.

Every JSON file a person brings (an answer file, a progress export) is read with `loads`, which
refuses what Python's json accepts but nothing downstream can hold: a lone UTF-16 surrogate such
as `"\\ud800"` (not Unicode: printing or saving it raised UnicodeEncodeError) and a whole number
too long for a 64-bit integer (`int()` of 5,000 digits raises ValueError; SQLite overflows at 2⁶³).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_INT_DIGITS = 18  # every whole number below 10¹⁸ fits SQLite's 64-bit INTEGER
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonError(ValueError):
    """JSON that parses but holds a value dltutor cannot keep; the message says which (no file name)."""


def finite(value: Any) -> Any:
    """JSON-safe copy: NaN/±inf become None (null) at any depth; tuples become lists; keys become text."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(value: Any, *, ensure_ascii: bool = False, **options: Any) -> str:
    """json.dumps of finite(value), allow_nan=False; non-ASCII kept unless ensure_ascii; default=str keeps an odd
    value (a Path, a numpy scalar) from losing the whole line. Extra options (indent, separators) pass through."""
    return json.dumps(finite(value), ensure_ascii=ensure_ascii, allow_nan=False, default=str, **options)


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonError(f"the whole number {text[:12]}… ({len(text.lstrip('-')):,} digits) is too large")
    return int(text)


def loads(text: str, **hooks: Any) -> Any:
    """json.loads with `hooks` (parse_int, parse_float, object_pairs_hook …), then the checks of the module
    docstring. Raises json.JSONDecodeError for bad syntax (with .lineno) and JsonError for an unkeepable value.
    Callers bound the nesting first (yamlio.json_depth): json's parser recurses.
    """
    hooks.setdefault("parse_int", _whole_number)
    value = json.loads(text, **hooks)
    if _SURROGATE_ESCAPE.search(text):  # rare: only then walk the whole value
        _refuse_surrogates(value)
    return value


def _refuse_surrogates(value: Any) -> None:
    stack = [value]
    while stack:  # not recursive: callers allow depth 64, this must not care
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise JsonError(f"text holds \\u{ord(item[exc.start]):04x}, half of a UTF-16 surrogate pair, "
                                "which is not a character (a broken copy or export?)") from None
