"""Hidden checks for concepts-perceptron-predict."""

import torch

from dltutor.drills.expect import diagnose, expect_close, expect_unchanged, seeded
from dltutor.i18n import _


def _reference(x, w, b):
    return (x @ w + b >= 0).to(x.dtype)


def _advice(x, w, b):
    z = x @ w + b

    def advice(actual):
        if isinstance(actual, torch.Tensor) and actual.dtype == torch.bool:
            return _("the comparison gives True/False: turn the booleans into numbers with .to(x.dtype)")
        return diagnose(actual, [
            ((z > 0).to(x.dtype), _("at z = 0 exactly the perceptron fires (y = 1): compare with z >= 0, not z > 0")),
            (torch.sign(z), _("the step function gives 0 or 1, not −1/0/+1 as torch.sign does")),
            (z, _("z is the weighted sum; the output is the step function of it: 1 if z >= 0, else 0")),
            ((x @ w >= 0).to(x.dtype), _("add the bias b to the weighted sum before the step")),
            ((x @ w - b >= 0).to(x.dtype), _("add the bias b (it is −θ already); do not subtract it")),
        ])
    return advice


def _check(m, x, w, b, case):
    x0, w0 = x.clone(), w.clone()
    y = m.predict(x, w, b)
    expect_close(y, _reference(x0, w0, b), case=case, advice=_advice(x0, w0, b))
    expect_unchanged(x0, x, case=case, name="x")
    expect_unchanged(w0, w, case=case, name="w")


def check_and_gate(m):
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _check(m, x, torch.tensor([1.0, 1.0]), -1.5, _("AND gate: the 4 inputs of {0, 1}², w = (1, 1), b = −1.5"))


def check_bias_matters(m):
    x = torch.zeros(3, 2)
    _check(m, x, torch.tensor([2.0, -1.0]), 0.5, _("x all zeros [3, 2], b = 0.5 (so z = b for every sample)"))
    _check(m, x, torch.tensor([2.0, -1.0]), -0.5, _("x all zeros [3, 2], b = −0.5 (so z = b for every sample)"))


def check_z_exactly_zero(m):
    x = torch.tensor([[1.0, 0.5], [1.0, 0.25]])
    _check(m, x, torch.tensor([1.0, 2.0]), -2.0, _("z exactly 0 for the first sample: x = [[1, 0.5], [1, 0.25]], "
           "w = (1, 2), b = −2"))


def check_batch_of_one(m):
    x = torch.randn(1, 5, generator=seeded(1))
    _check(m, x, torch.randn(5, generator=seeded(2)), 0.1, _("a batch of one sample: x [1, 5]"))


def check_random_shapes(m):
    g = seeded(3)
    x = torch.randn(7, 3, generator=g)
    _check(m, x, torch.randn(3, generator=g), -0.2, _("x [7, 3] random normal, w [3], b = −0.2"))


def check_float64(m):
    g = seeded(4)
    x = torch.randn(4, 2, generator=g, dtype=torch.float64)
    _check(m, x, torch.randn(2, generator=g, dtype=torch.float64), 0.0, _("x of dtype float64 [4, 2]"))
