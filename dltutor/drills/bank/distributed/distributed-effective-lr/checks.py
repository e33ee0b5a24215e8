"""Hidden checks for distributed-effective-lr."""

import math

from dltutor.drills.expect import fail
from dltutor.i18n import _


def _close(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=1e-9)


def _batch(m, b, p, a):
    case = f"effective_batch({b}, {p}, accumulation={a})"
    actual = m.effective_batch(b, p, a) if a != 1 else m.effective_batch(b, p)
    expected = b * p * a
    if actual != expected or isinstance(actual, bool):
        advice = (_("multiply by the accumulation steps too: each micro-batch adds its examples to the step")
                  if actual == b * p else _("batch per process × processes × accumulation steps"))
        fail(case, f"{expected}", f"{actual!r}", advice)


def _lr(m, base_lr, base_batch, b, p, a=1, rule="linear"):
    case = f"scaled_lr({base_lr}, base_batch={base_batch}, {b}, {p}, accumulation={a}, rule={rule!r})"
    actual = m.scaled_lr(base_lr, base_batch, b, p, a, rule)
    k = b * p * a / base_batch
    expected = base_lr * (k if rule == "linear" else math.sqrt(k))
    if not _close(actual, expected):
        if _close(actual, base_lr * p) and p * b * a != p * base_batch:
            advice = (_("scale by the ratio of the effective batch to base_batch, not by the number of processes: "
                      "the batch per process changed too"))
        elif _close(actual, base_lr * (b * p / base_batch if rule == "linear" else math.sqrt(b * p / base_batch))):
            advice = _("the effective batch includes the accumulation steps")
        elif rule == "sqrt" and _close(actual, base_lr * k):
            advice = _("rule 'sqrt' multiplies by √k, not by k")
        elif rule == "sqrt" and _close(actual, math.sqrt(base_lr * k)):
            advice = _("the square root is of k only: base_lr × √k, not √(base_lr × k)")
        elif k != int(k) and _close(actual, base_lr * (b * p * a // base_batch if rule == "linear"
                                                        else math.sqrt(b * p * a // base_batch))):
            advice = _("k = {effective} / {base} = {k} is not a whole number: divide with /, not // "
                       "(floor division throws the fraction away)").format(effective=b * p * a, base=base_batch,
                                                                           k=f"{k:g}")
        else:
            advice = _("k = effective batch / base_batch; linear: base_lr × k, sqrt: base_lr × √k")
        fail(case, f"{expected:g}", f"{actual!r}", advice)


def check_worked_example(m):
    _batch(m, 64, 8, 1)
    _lr(m, 0.1, 256, 64, 8)


def check_accumulation(m):
    _batch(m, 24, 8, 3)
    _lr(m, 0.05, 128, 24, 8, 3)


def check_per_gpu_batch_changed(m):
    _lr(m, 0.05, 128, 96, 8)  # the quiz's case: 6 times the batch on 8 GPUs


def check_square_root_rule(m):
    _lr(m, 1e-3, 256, 32, 32, 1, "sqrt")


def check_nothing_changed(m):
    _lr(m, 0.3, 512, 64, 8, 1, "linear")


def check_unknown_rule(m):
    case = "scaled_lr(0.1, 256, 64, 8, 1, rule='cubic')"
    try:
        m.scaled_lr(0.1, 256, 64, 8, 1, "cubic")
    except ValueError:
        return
    fail(case, "ValueError", _("no error"), _("raise ValueError for a rule you do not know"))
