"""Turning records into compact, strict JSON: finite floats only, curves thinned and rounded."""

from __future__ import annotations

import json
import math
from typing import Any

MAX_CURVE_POINTS = 500
SIGNIFICANT_DIGITS = 6  # a loss curve drawn in a terminal needs no more


def finite(value: Any) -> Any:
    """JSON-safe copy: NaN/inf become None (strict JSON has no NaN); tuples become lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(value: Any) -> str:
    # default=str keeps an odd value (a Path, a numpy scalar) from losing the whole record.
    return json.dumps(finite(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)


def _round(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return float(f"{v:.{SIGNIFICANT_DIGITS}g}") if math.isfinite(v) else None


def downsample(values: list[float], limit: int = MAX_CURVE_POINTS) -> list[float | None]:
    """At most `limit` evenly spaced points, first and last kept exactly (the final loss matters).

    Even spacing means point i of the thinned curve sits at fraction i/(len-1) of
    the run, so a new run can be drawn against it whatever their lengths.
    """
    values = list(values)
    if len(values) > limit:
        last = len(values) - 1
        values = [values[round(i * last / (limit - 1))] for i in range(limit)]
    return [_round(v) for v in values]


def compact_curves(curves: dict[str, list[float]]) -> dict[str, dict[str, Any]]:
    """{name: {"n": original length, "y": thinned values}}: n keeps the x scale of the original."""
    return {str(name): {"n": len(list(ys)), "y": downsample(ys)} for name, ys in (curves or {}).items()}
