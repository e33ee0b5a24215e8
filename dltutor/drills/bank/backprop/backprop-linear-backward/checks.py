"""Hidden checks for backprop-linear-backward."""

import torch

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, fail, seeded)
from dltutor.i18n import _

RULE = _("without autograd (.backward(), torch.autograd)")


def _autograd(x, w, grad_out):
    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    b = torch.zeros(w.shape[0], dtype=x.dtype, requires_grad=True)
    (x @ w.T + b).backward(grad_out)
    return x.grad, w.grad, b.grad


def _run(m, x, w, grad_out, case):
    inputs = (x.clone(), w.clone(), grad_out.clone())
    out = m.linear_backward(x, w, grad_out)
    if not isinstance(out, (tuple, list)) or len(out) != 3:
        fail(case, _("a tuple (grad_x, grad_w, grad_b)"), type(out).__name__, _("return grad_x, grad_w, grad_b"))
    for before, after, name in zip(inputs, (x, w, grad_out), ("x", "w", "grad_out")):
        expect_unchanged(before, after, case=case, name=name)
    gx, gw, gb = _autograd(*inputs)
    n = x.shape[0]
    expect_close(out[0], gx, case=case, what="grad_x", rtol=1e-4, atol=1e-5,
                 advice=lambda a: diagnose(a, [(gx / n,
                                                _("no 1/N here: grad_out already holds it"))],
                                           _("grad_x = grad_out @ w: [N, O] @ [O, D]")))
    expect_close(out[1], gw, case=case, what="grad_w", rtol=1e-4, atol=1e-5,
                 advice=lambda a: diagnose(a, [(gw / n, _("sum over the samples, do not average: "
                                                        "a mean loss already put its 1/N inside grad_out"))],
                                           _("grad_w has the shape of w [O, D]: grad_out.T @ x")))
    expect_close(out[2], gb, case=case, what="grad_b", rtol=1e-4, atol=1e-5,
                 advice=lambda a: diagnose(a, [
                     (gb / n, _("sum over the batch, not the mean: a mean loss already put its 1/N inside grad_out")),
                     (grad_out, _("b was added to every sample's output, so grad_b collects the gradient of every "
                                "sample: grad_out.sum(dim=0)")),
                 ], _("grad_b = grad_out summed over the batch dimension")))


def check_rules(m):
    expect_not_used(m, {"backward", "autograd", "grad"}, rule=RULE,
                    advice=_("the drill is to apply the chain rule yourself with matrix products"))


def check_worked_example(m):
    _run(m, torch.tensor([[1.0, 2.0]]), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.5]]),
         _("the worked example: x = [[1, 2]], w = [[3, 4]], grad_out = [[0.5]]"))


def check_batch(m):
    g = seeded(10)
    _run(m, torch.randn(5, 3, generator=g), torch.randn(4, 3, generator=g), torch.randn(5, 4, generator=g),
         _("N = 5, D = 3, O = 4: x [5, 3], w [4, 3], grad_out [5, 4]"))


def check_batch_of_one(m):
    g = seeded(11)
    _run(m, torch.randn(1, 6, generator=g), torch.randn(2, 6, generator=g), torch.randn(1, 2, generator=g),
         _("a batch of one: x [1, 6], w [2, 6], grad_out [1, 2]"))


def check_mean_loss(m):
    g = seeded(12)
    x, w = torch.randn(8, 4, generator=g), torch.randn(3, 4, generator=g)
    # The gradient that L = y.sum(dim=1).mean() sends back: 1/N everywhere.
    grad_out = torch.full((8, 3), 1 / 8)
    _run(m, x, w, grad_out, _("grad_out of the loss (y.sum(dim=1)).mean(): every entry 1/8, x [8, 4], w [3, 4]"))


def check_float64(m):
    g = seeded(13)
    d = torch.float64
    _run(m, torch.randn(3, 2, generator=g, dtype=d), torch.randn(5, 2, generator=g, dtype=d),
         torch.randn(3, 5, generator=g, dtype=d), _("float64: x [3, 2], w [5, 2], grad_out [3, 5]"))
