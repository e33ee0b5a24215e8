"""Hidden checks for activations-leaky-relu."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, seeded)
from dltutor.i18n import _

RULE = _("without calling F.leaky_relu, nn.LeakyReLU or autograd")


def _grad(x, slope):
    x = x.detach().clone().requires_grad_(True)
    F.leaky_relu(x, slope).sum().backward()
    return x.grad


def _advice(x, slope, grad):
    def advice(actual):
        if isinstance(actual, torch.Tensor) and actual.dtype == torch.bool:
            return _("turn the comparison's True/False into numbers with torch.where or .to(x.dtype)")
        if grad:
            return diagnose(actual, [
                (torch.where(x >= 0, torch.ones_like(x), torch.full_like(x, slope)),
                 _("at x = 0 use the slope, as PyTorch's autograd does (compare with x > 0, not x >= 0)")),
                (torch.where(x > 0, torch.ones_like(x), torch.full_like(x, 0.01)),
                 _("use the slope argument, not the number 0.01")),
                (torch.where(x > 0, torch.ones_like(x), torch.zeros_like(x)),
                 _("on the negative side the derivative is the slope, not 0 (that is plain ReLU)")),
                (F.leaky_relu(x, slope), _("this is leaky_relu itself; the derivative is 1 or the slope")),
            ])
        return diagnose(actual, [
            (torch.where(x > 0, x, 0.01 * x), _("use the slope argument, not the number 0.01")),
            (torch.maximum(x, slope * x), _("max(x, slope·x) is only right for slopes up to 1: use torch.where")),
            (torch.relu(x), _("negative inputs are multiplied by the slope, not set to 0 (that is plain ReLU)")),
        ])
    return advice


def _run(m, x, slope, case):
    ref = F.leaky_relu(x, slope)
    x0 = x.clone()
    out = m.leaky_relu(x, slope)
    expect_unchanged(x0, x, case=f"leaky_relu: {case}", name="x")
    expect_close(out, ref, case=f"leaky_relu: {case}", advice=_advice(x0, slope, False))
    out = m.leaky_relu_grad(x, slope)
    expect_unchanged(x0, x, case=f"leaky_relu_grad: {case}", name="x")
    expect_close(out, _grad(x0, slope),
                 case=_("{function}: {case}, compared with autograd").format(function="leaky_relu_grad", case=case),
                 advice=_advice(x0, slope, True))


def check_rules(m):
    expect_not_used(m, {"leaky_relu", "leaky_relu_", "LeakyReLU", "backward", "autograd"}, rule=RULE,
                    advice=_("the drill is to write both functions yourself, e.g. with torch.where"))


def check_default_slope(m):
    x = torch.tensor([-3.0, -0.5, 0.25, 2.0])
    ref = F.leaky_relu(x, 0.01)
    expect_close(m.leaky_relu(x.clone()), ref,
                 case=_("leaky_relu(x) with the default slope, x = (−3, −0.5, 0.25, 2)"),
                 advice=_("the default slope is 0.01"))
    expect_close(m.leaky_relu_grad(x.clone()), _grad(x, 0.01), case=_("leaky_relu_grad(x) with the default slope"),
                 advice=_("the default slope is 0.01"))


def check_other_slope(m):
    _run(m, torch.tensor([-4.0, -1.0, 1.0, 4.0]), 0.2, _("x = (−4, −1, 1, 4), slope = 0.2"))


def check_zero(m):
    _run(m, torch.tensor([-1.0, 0.0, 1.0]), 0.1, _("x = (−1, 0, 1), slope = 0.1 (at x = 0 PyTorch uses the slope)"))


def check_random_matrix(m):
    _run(m, torch.randn(3, 5, generator=seeded(6)), 0.05, _("random x of shape [3, 5], slope = 0.05"))


def check_slope_above_one(m):
    _run(m, torch.tensor([-2.0, -0.5, 0.5, 2.0]), 1.5, _("x = (−2, −0.5, 0.5, 2), slope = 1.5"))


def check_float64(m):
    _run(m, torch.tensor([[-1e6, 1e-6], [-1e-6, 1e6]], dtype=torch.float64), 0.3,
         _("float64 x [[−1e6, 1e-6], [−1e-6, 1e6]], slope = 0.3"))
