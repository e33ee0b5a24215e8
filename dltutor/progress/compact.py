"""Turning records into compact, strict JSON: finite floats only, curves thinned and rounded."""

from __future__ import annotations

import math
from typing import Any

from dltutor import strict_json

MAX_CURVE_POINTS = 500
SIGNIFICANT_DIGITS = 6  # a loss curve drawn in a terminal needs no more


def dumps(value: Any) -> str:
    return strict_json.dumps(value, separators=(",", ":"))


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
