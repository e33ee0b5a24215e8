"""Hidden checks for concepts-perceptron-update."""

import torch

from dltutor.drills.expect import (diagnose, expect_close, expect_unchanged,
                                   fail, fmt, seeded)
from dltutor.i18n import _


def _reference(w, b, x, t, lr):
    y = 1.0 if float(x @ w + b) >= 0 else 0.0
    return w + lr * (t - y) * x, b + lr * (t - y)


def _run(m, w, b, x, t, lr, case):
    w0, x0 = w.clone(), x.clone()
    out = m.update(w, b, x, t, lr)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(case, _("a pair (w_new, b_new)"), f"{type(out).__name__}", _("return two values: return w_new, b_new"))
    w_new, b_new = out
    w_ref, b_ref = _reference(w0, b, x0, t, lr)
    y = 1.0 if float(x0 @ w0 + b) >= 0 else 0.0

    def advice(actual):
        return diagnose(actual, [
            (w0 + lr * t * x0, _("the rule only learns from mistakes: multiply by the error (t − y), "
                               "not by the label t alone")),
            (w0 + lr * (y - t) * x0, _("the error is (t − y), label minus prediction; (y − t) moves the weights "
                                     "the wrong way")),
            (w0 + lr * (t - (1.0 - y)) * x0, _("predict with the step function: y = 1 if w · x + b >= 0, else 0")),
        ])

    expect_close(w_new, w_ref, case=case, advice=advice, what="w_new")
    try:
        b_val = float(b_new)
    except (TypeError, ValueError, RuntimeError):
        fail(case, _("b_new = {value} (a number)").format(value=fmt(b_ref)), f"{type(b_new).__name__}",
             _("return the bias as a number"))
    if abs(b_val - b_ref) > 1e-6:
        tip = (_("update the bias too: b_new = b + lr · (t − y), like a weight whose input is always 1")
               if b_val == b else _("the bias moves by lr · (t − y), like a weight whose input is always 1"))
        fail(case, f"b_new = {fmt(b_ref)}", f"b_new = {fmt(b_val)}", tip)
    expect_unchanged(w0, w, case=case, name="w")
    expect_unchanged(x0, x, case=case, name="x_i")


def check_right_prediction_changes_nothing(m):
    _run(m, torch.tensor([1.0, 1.0]), -1.5, torch.tensor([1.0, 1.0]), 1, 0.1,
         _("w = (1, 1), b = −1.5, x_i = (1, 1), label 1 (already predicted right), lr = 0.1"))
    _run(m, torch.tensor([1.0, 1.0]), -1.5, torch.tensor([0.0, 1.0]), 0, 0.1,
         _("w = (1, 1), b = −1.5, x_i = (0, 1), label 0 (already predicted right), lr = 0.1"))


def check_false_positive(m):
    _run(m, torch.zeros(2), 0.0, torch.tensor([1.0, 2.0]), 0, 0.5,
         _("w = (0, 0), b = 0 (predicts 1), x_i = (1, 2), label 0, lr = 0.5"))


def check_false_negative(m):
    _run(m, torch.tensor([-1.0, 0.5, 2.0]), -3.0, torch.tensor([2.0, -1.0, 0.5]), 1, 0.25,
         _("w = (−1, 0.5, 2), b = −3 (predicts 0), x_i = (2, −1, 0.5), label 1, lr = 0.25"))


def check_random_samples(m):
    g = seeded(5)
    for i in range(6):
        w = torch.randn(4, generator=g)
        x = torch.randn(4, generator=g)
        t = i % 2
        _run(m, w, 0.3, x, t, 0.1,
             _("random w and x_i of shape [4], b = 0.3, label {t}, lr = 0.1 (case {i} of 6)").format(t=t, i=i + 1))


def check_float64_weights(m):
    w = torch.tensor([0.5, -0.25], dtype=torch.float64)
    x = torch.tensor([1.0, 1.0], dtype=torch.float64)
    _run(m, w, -1.0, x, 1, 1.0, _("w of dtype float64 (0.5, −0.25), b = −1, x_i = (1, 1), label 1, lr = 1"))
