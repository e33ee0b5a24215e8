"""Strict JSON for everything dltutor writes (events, records, reports): no NaN or Infinity, ever.

Python's json module writes NaN and Infinity by default, which JSON parsers in other languages (and
`json.loads(..., parse_constant=...)`-free tools like jq) reject. Every writer goes through `dumps`.
"""

from __future__ import annotations

import json
import math
from typing import Any


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
