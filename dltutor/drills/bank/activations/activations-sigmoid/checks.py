"""Hidden checks for activations-sigmoid."""

import torch

from dltutor.drills.expect import (expect_close, expect_not_used,
                                   expect_unchanged, forbidden)
from dltutor.i18n import _

RULE = _("without calling torch.sigmoid, torch.special.expit or F.sigmoid")
WRITE_IT = _("the drill is to write σ yourself, with torch.exp and arithmetic")
# Where a result is below ~1e-30 it may flush to 0; everything else must keep 4 digits.
TOL = {"rtol": 1e-4, "atol": 1e-30}


def _true_sigmoid(x):
    return torch.sigmoid(x.double()).to(x.dtype)


def _true_grad(x):
    d = x.double()
    return (torch.sigmoid(d) * torch.sigmoid(-d)).to(x.dtype)


def _overflow_advice(actual):
    if isinstance(actual, torch.Tensor) and not bool(torch.isfinite(actual).all()):
        return (_("your result overflowed: exp() of a large number is inf, and inf / inf is NaN. "
                "Use exp(−|x|), which never overflows (like subtracting the maximum in softmax)"))
    return ""


def _call(m, name, x):
    x0 = x.clone()
    import torch.nn.functional as F
    with forbidden(torch, "sigmoid", rule=RULE, advice=WRITE_IT), \
            forbidden(torch.special, "expit", rule=RULE, advice=WRITE_IT), \
            forbidden(F, "sigmoid", rule=RULE, advice=WRITE_IT):
        out = getattr(m, name)(x)
    expect_unchanged(x0, x, case=f"{name}(x)", name="x")
    return out


def check_rules(m):
    expect_not_used(m, {"sigmoid", "expit", "logsigmoid"}, rule=RULE, advice=WRITE_IT)


def check_sigmoid_small_inputs(m):
    x = torch.linspace(-6, 6, 25)
    expect_close(_call(m, "sigmoid", x), _true_sigmoid(x), case=_("sigmoid(x) for x = −6, −5.5, …, 6"), **TOL)


def check_sigmoid_large_inputs(m):
    x = torch.tensor([-1000.0, -100.0, -30.0, 30.0, 100.0, 1000.0])
    expect_close(_call(m, "sigmoid", x), _true_sigmoid(x),
                 case=_("sigmoid(x) for x = −1000, −100, −30, 30, 100, 1000"),
                 advice=_overflow_advice, **TOL)


def check_grad_small_inputs(m):
    x = torch.linspace(-6, 6, 25)
    expect_close(_call(m, "sigmoid_grad", x), _true_grad(x), case=_("sigmoid_grad(x) for x = −6, −5.5, …, 6"),
                 advice=_("σ′(x) = σ(x)·(1 − σ(x)); at x = 0 it is 0.25, its largest value"), **TOL)


def check_grad_matches_autograd(m):
    x = torch.tensor([-3.0, -0.5, 0.0, 0.7, 2.5], dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    expect_close(_call(m, "sigmoid_grad", x.detach()), x.grad,
                 case=_("sigmoid_grad(x) for x = −3, −0.5, 0, 0.7, 2.5 "
                 "(float64), compared with autograd"), **TOL)


def check_grad_large_inputs(m):
    x = torch.tensor([-1000.0, -30.0, -20.0, 20.0, 30.0, 1000.0])

    def advice(actual):
        overflow = _overflow_advice(actual)
        if overflow:
            return overflow
        return (_("for large x, σ(x) rounds to exactly 1.0, so 1 − σ(x) = 0 loses every digit. "
                "Use 1 − σ(x) = σ(−x): σ′(x) = σ(x)·σ(−x)"))

    expect_close(_call(m, "sigmoid_grad", x), _true_grad(x),
                 case=_("sigmoid_grad(x) for x = −1000, −30, −20, 20, 30, "
                 "1000 (σ′(30) ≈ 9.4e-14 fits in float32)"), advice=advice, **TOL)


def check_shape_and_dtype_kept(m):
    x = torch.tensor([[-800.0, -2.0, 0.0], [1.5, 40.0, 800.0]], dtype=torch.float64)
    expect_close(_call(m, "sigmoid", x), _true_sigmoid(x), case=_("sigmoid(x) for a float64 x of shape [2, 3]"),
                 advice=_overflow_advice, **TOL)
    expect_close(_call(m, "sigmoid_grad", x), _true_grad(x), case=_("sigmoid_grad(x) for a float64 x of shape [2, 3]"),
                 advice=_overflow_advice, **TOL)
