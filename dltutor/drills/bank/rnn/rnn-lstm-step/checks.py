"""Hidden checks for rnn-lstm-step: compared with nn.LSTMCell."""

import torch
from torch import nn

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, fail, seeded)
from dltutor.i18n import _

RULE = _("without nn.LSTMCell or nn.LSTM")
NAMES = ("x_t", "h", "c", "W_ih", "W_hh", "b_ih", "b_hh")


def _cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    cell = nn.LSTMCell(W_ih.shape[1], W_hh.shape[1]).to(x.dtype)
    with torch.no_grad():
        for name, value in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"), (W_ih, W_hh, b_ih, b_hh)):
            getattr(cell, name).copy_(value)
        return cell(x, (h, c))


def _variant(x, h, c, W_ih, W_hh, b_ih, b_hh, order="ifgo", g_act=torch.tanh, cell_tanh=True):
    parts = dict(zip(order, (x @ W_ih.T + b_ih + h @ W_hh.T + b_hh).chunk(4, dim=1)))
    i, f, o = (torch.sigmoid(parts[k]) for k in "ifo")
    c_next = f * c + i * g_act(parts["g"])
    return (o * torch.tanh(c_next) if cell_tanh else o * c_next), c_next


def _run(m, args, case):
    inputs = tuple(a.clone() for a in args)
    out = m.lstm_step(*args)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(case, _("a pair (h_next, c_next)"), type(out).__name__, _("return h_next, c_next (in that order)"))
    for before, after, name in zip(inputs, args, NAMES):
        expect_unchanged(before, after, case=case, name=name)
    h_ref, c_ref = _cell(*inputs)
    order = _("PyTorch's gate order is i, f, g, o (input, forget, candidate, output): cut with chunk(4, dim=1)")
    wrong_orders = [(_variant(*inputs, order=o)[k], order) for o in ("ifog", "fiog", "figo", "iofg") for k in (0, 1)]
    swapped = _("return (h_next, c_next) in that order")

    expect_close(out[1], c_ref, case=case, what="c_next", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
        (h_ref, swapped),
        (_variant(*inputs, g_act=torch.sigmoid)[1], _("the candidate g uses tanh, not sigmoid: new content "
                                                    "lies in (−1, 1)")),
        *wrong_orders,
    ], _("c_next = f ⊙ c + i ⊙ g")))
    expect_close(out[0], h_ref, case=case, what="h_next", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
        (c_ref, swapped),
        (_variant(*inputs, cell_tanh=False)[0], _("squash the cell before the output gate: h' = o ⊙ tanh(c')")),
        *wrong_orders,
    ], _("h_next = o ⊙ tanh(c_next)")))


def _random(n, d, hdim, seed, dtype=torch.float32):
    g = seeded(seed)
    shapes = ((n, d), (n, hdim), (n, hdim), (4 * hdim, d), (4 * hdim, hdim), (4 * hdim,), (4 * hdim,))
    return tuple(torch.randn(*s, generator=g, dtype=dtype) for s in shapes)


def check_rules(m):
    expect_not_used(m, {"LSTMCell", "LSTM", "lstm_cell", "lstm"}, rule=RULE,
                    advice=_("the drill is to write the gates yourself with matrix products, sigmoid and tanh"))


def check_zero_weights(m):
    z = torch.zeros(4, 1)
    _run(m, (torch.ones(1, 1), torch.zeros(1, 1), torch.ones(1, 1), z, z, z[:, 0], z[:, 0]),
         _("all weights 0 (so i = f = o = 0.5, g = 0), c = 1"))


def check_each_gate_distinct(m):
    # Biases that give each of the four parts a different value, so any swap shows.
    z = torch.zeros(4, 1)
    b = torch.tensor([2.0, 0.0, 1.0, 1.0])
    _run(m, (torch.zeros(1, 1), torch.zeros(1, 1), torch.ones(1, 1), z, z, b, torch.tensor([0.0, -1.0, 0.0, 2.0])),
         _("H = 1, zero weights, b_ih = (2, 0, 1, 1), b_hh = (0, −1, 0, 2): each of i, f, g, o has its own value"))


def check_batch(m):
    _run(m, _random(3, 4, 5, seed=70), _("N = 3, D = 4, H = 5, random weights and states"))


def check_batch_of_one(m):
    _run(m, _random(1, 2, 3, seed=71), _("a batch of one: x_t [1, 2], H = 3"))


def check_float64(m):
    _run(m, _random(2, 3, 2, seed=72, dtype=torch.float64), _("float64, N = 2, D = 3, H = 2"))
