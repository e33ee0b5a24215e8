"""Hidden checks for rnn-cell-step: compared with nn.RNNCell."""

import torch
from torch import nn

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, seeded)
from dltutor.i18n import _

RULE = _("without nn.RNNCell or nn.RNN")


def _cell(x, h, W, U, b):
    cell = nn.RNNCell(W.shape[1], W.shape[0], nonlinearity="tanh").to(x.dtype)
    with torch.no_grad():
        cell.weight_ih.copy_(W)
        cell.weight_hh.copy_(U)
        cell.bias_ih.copy_(b)
        cell.bias_hh.zero_()
        return cell(x, h)


def _run(m, args, case):
    inputs = tuple(a.clone() for a in args)
    out = m.rnn_step(*args)
    for before, after, name in zip(inputs, args, ("x_t", "h", "W", "U", "b")):
        expect_unchanged(before, after, case=case, name=name)
    x, h, W, U, b = inputs
    z = x @ W.T + h @ U.T + b
    expect_close(out, _cell(*inputs), case=case, what="h_next", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
        (torch.tanh(x @ W.T + h @ U + b), _("one sample per row: U hₜ₋₁ becomes h @ U.T (U is square, so h @ U "
                                           "raises no error but is wrong)")),
        (z, _("squash with tanh: hₜ = tanh(W xₜ + U hₜ₋₁ + b)")),
        (torch.sigmoid(z), _("the simple RNN uses tanh, not sigmoid: the state must be able to go negative")),
        (torch.tanh(x @ W.T + h @ U.T), _("add the bias b inside the tanh")),
        (torch.tanh(x @ W.T + b), _("add the old state's part U hₜ₋₁: that is what makes it recurrent")),
    ], _("h_next = tanh(x_t @ W.T + h @ U.T + b)")))


def _random(n, d, hdim, seed, dtype=torch.float32):
    g = seeded(seed)
    return tuple(torch.randn(*shape, generator=g, dtype=dtype) * 0.5
                 for shape in ((n, d), (n, hdim), (hdim, d), (hdim, hdim), (hdim,)))


def check_rules(m):
    expect_not_used(m, {"RNNCell", "RNN", "rnn_tanh_cell", "rnn_tanh"}, rule=RULE,
                    advice=_("the drill is to write the recurrence with matrix products and tanh"))


def check_worked_example(m):
    one = torch.ones(1, 1)
    _run(m, (one, torch.zeros(1, 1), one, one, torch.zeros(1)), _("x = 1, h = 0, W = U = 1, b = 0 (D = H = 1)"))


def check_batch(m):
    _run(m, _random(4, 3, 5, seed=60), _("N = 4, D = 3 inputs, H = 5 hidden units, h ≠ 0"))


def check_batch_of_one(m):
    _run(m, _random(1, 2, 3, seed=61), _("a batch of one: x_t [1, 2], h [1, 3]"))


def check_large_inputs_stay_bounded(m):
    x, h, W, U, b = _random(2, 4, 4, seed=62)
    _run(m, (x * 100, h, W, U, b), _("x_t with values near ±100: the state must stay in (−1, 1)"))


def check_float64(m):
    _run(m, _random(3, 2, 2, seed=63, dtype=torch.float64), _("float64, N = 3, D = H = 2"))
