"""Hidden checks for backprop-softmax-ce-grad."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, seeded)
from dltutor.i18n import _

RULE = _("without autograd (.backward(), torch.autograd)")


def _autograd(logits, targets):
    z = logits.clone().requires_grad_(True)
    F.cross_entropy(z, targets).backward()
    return z.grad


def _run(m, logits, targets, case):
    inputs = (logits.clone(), targets.clone())
    out = m.softmax_ce_grad(logits, targets)
    expect_unchanged(inputs[0], logits, case=case, name="logits")
    expect_unchanged(inputs[1], targets, case=case, name="targets")
    ref = _autograd(*inputs)
    n = logits.shape[0]

    def advice(actual):
        if isinstance(actual, torch.Tensor) and not bool(torch.isfinite(actual).all()):
            return (_("your softmax overflowed for large logits (exp(1000) is inf): subtract the maximum first, "
                    "or use torch.softmax, which does"))
        return diagnose(actual, [
            (ref * n, _("the loss is a mean over the batch: divide by the batch size N = {n}").format(n=n)),
            (-ref, _("the gradient is p − onehot (predicted minus true); onehot − p points uphill")),
            (-ref * n,
             _("the gradient is p − onehot, and the mean loss divides it by the batch size N = {n}").format(n=n)),
            (torch.softmax(inputs[0], dim=1) / n, _("subtract 1 at each sample's true class (the one-hot part)")),
        ])

    expect_close(out, ref, case=case, what="grad", advice=advice, rtol=1e-4, atol=1e-7)


def check_rules(m):
    expect_not_used(m, {"backward", "autograd", "grad"}, rule=RULE,
                    advice=_("the drill is to derive the gradient: p − onehot, averaged over the batch"))


def check_worked_example(m):
    _run(m, torch.tensor([[0.0, 0.0]]), torch.tensor([1]), _("one sample, logits [[0, 0]], target class 1"))


def check_batch(m):
    _run(m, torch.randn(6, 4, generator=seeded(20)), torch.tensor([0, 3, 1, 1, 2, 0]),
         _("N = 6 samples, C = 4 classes, random logits, targets (0, 3, 1, 1, 2, 0)"))


def check_large_logits(m):
    _run(m, torch.tensor([[1000.0, 0.0, -1000.0], [-1000.0, 999.0, 1000.0]]), torch.tensor([2, 1]),
         _("logits near ±1000: [[1000, 0, −1000], [−1000, 999, 1000]], targets (2, 1)"))


def check_single_sample_many_classes(m):
    _run(m, torch.randn(1, 10, generator=seeded(21)), torch.tensor([7]), _("a batch of one: logits [1, 10], target 7"))


def check_float64(m):
    _run(m, torch.randn(3, 2, generator=seeded(22), dtype=torch.float64), torch.tensor([1, 0, 1]),
         _("float64 logits [3, 2], targets (1, 0, 1)"))
