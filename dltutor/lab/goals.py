"""An exercise's target as data: each criterion names a metric, a comparison and a threshold.

The runner judges a run with `verdict()`, so the Finished event can say which criteria failed and by how much,
and `changes()` says which hyperparameters differ from the defaults that reach the target. Both return plain
words built from metric and hyperparameter names, which are the same in the app's form and on the command line.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dltutor.i18n import _

_COMPARE = {">=": (operator.ge, "≥"), "<=": (operator.le, "≤"), ">": (operator.gt, ">"), "<": (operator.lt, "<")}


@dataclass(frozen=True)
class Goal:
    """metric `op` value, e.g. Goal("test_acc/cnn", ">=", 0.98)."""

    metric: str
    op: Literal[">=", "<=", ">", "<"]
    value: float

    def missed(self, metrics: Mapping[str, Any]) -> str | None:
        """None when met; otherwise the measured value against the goal, in words."""
        compare, symbol = _COMPARE[self.op]
        measured = metrics.get(self.metric)
        if not isinstance(measured, (int, float)) or not math.isfinite(measured):
            return _("{metric} was not measured (the run ended before it was evaluated); needs {op} {value}").format(
                metric=self.metric, op=symbol, value=f"{self.value:g}")
        if compare(measured, self.value):
            return None
        return _("{metric} = {measured}, needs {op} {value}").format(
            metric=self.metric, measured=f"{measured:.4g}", op=symbol, value=f"{self.value:g}")


def verdict(metrics: Mapping[str, Any], goals: Sequence[Goal]) -> tuple[bool, list[str]]:
    """(every goal met, the missed ones in words). No goals means nothing to meet: (True, [])."""
    missed = [text for text in (goal.missed(metrics) for goal in goals) if text]
    return not missed, missed


def changes(params: Any, defaults: Mapping[str, Any]) -> list[str]:
    """Each hyperparameter that differs from its default, in words; numbers also as a ratio to the default
    ("lr 1e+06 is 10⁸ times the default 0.01"), which is what a learner needs to see after a missed target."""
    out = []
    for name, default in defaults.items():
        value = getattr(params, name, default)
        if value == default:
            continue
        text = _("{name} {value} (default {default})").format(name=name, value=_show(value), default=_show(default))
        if _is_number(value) and _is_number(default) and default and value and (value > 0) == (default > 0):
            text = _("{name} {value} is {ratio} the default {default}").format(
                name=name, value=_show(value), ratio=_ratio(value / default), default=_show(default))
        out.append(text)
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _show(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _ratio(r: float) -> str:
    """"2 times" for modest ratios; "3.3×10⁷ times" / "10⁻³ times" once it is two powers of ten or more away."""
    if 0.01 <= r < 100:
        number = f"{r:.3g}"
    else:
        mantissa, exponent = f"{r:.1e}".split("e")  # "3.3", "+07": rounding may carry into the exponent
        power = f"10{str(int(exponent)).translate(_SUPERSCRIPT)}"
        number = power if mantissa == "1.0" else f"{float(mantissa):g}×{power}"
    return _("{ratio} times").format(ratio=number)
