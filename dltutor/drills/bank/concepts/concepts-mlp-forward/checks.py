"""Hidden checks for concepts-mlp-forward."""

import torch

from dltutor.drills.expect import diagnose, expect_close, seeded
from dltutor.i18n import _


def _params(n, d, h, c, dtype=torch.float32, seed=0):
    g = seeded(seed)
    return [torch.randn(*shape, generator=g, dtype=dtype) for shape in ((n, d), (h, d), (h,), (c, h), (c,))]


def _run(m, args, case):
    x, W1, b1, W2, b2 = args
    z = x @ W1.T + b1
    logits = torch.relu(z) @ W2.T + b2

    def advice(actual):
        return diagnose(actual, [
            (z @ W2.T + b2, _("you forgot the ReLU on the hidden layer: without it two layers are one linear map")),
            (torch.relu(logits), _("no activation on the output: logits are raw scores and may be negative")),
            (torch.softmax(logits, dim=-1), _("return logits, not probabilities: no softmax in forward")),
            (torch.relu(x @ W1.T) @ W2.T + b2, _("add the hidden bias b1 before the ReLU")),
            (torch.relu(x @ W1.T + b1) @ W2.T, _("add the output bias b2")),
        ])

    try:
        out = m.forward(*[a.clone() for a in args])
    except RuntimeError as exc:
        if "shape" in str(exc) or "size" in str(exc):
            from dltutor.drills.expect import fail
            fail(case, _("logits of shape [{n}, {c}]").format(n=x.shape[0], c=W2.shape[0]),
                 f"RuntimeError: {str(exc).splitlines()[0]}",
                 _("W1 [H, D] and W2 [C, H] have one row per unit, as in nn.Linear, so each layer "
                 "multiplies by the transpose: x @ W1.T + b1, then h @ W2.T + b2"))
        raise
    expect_close(out, logits, case=case, advice=advice, what="logits", rtol=1e-4, atol=1e-5)


def check_worked_example(m):
    args = [torch.tensor([[1.0, 2.0]]), torch.tensor([[1.0, 0.0], [0.0, -1.0]]), torch.zeros(2),
            torch.tensor([[1.0, 1.0]]), torch.tensor([0.5])]
    _run(m, args, _("the worked example: x = (1, 2), W1 = [[1, 0], [0, −1]], b1 = 0, W2 = [[1, 1]], b2 = 0.5"))


def check_non_square_layers(m):
    _run(m, _params(5, 3, 4, 2, seed=1), _("N = 5 samples, D = 3 features, H = 4 hidden units, C = 2 classes"))


def check_batch_of_one(m):
    _run(m, _params(1, 6, 8, 3, seed=2), _("a batch of one: x [1, 6], H = 8, C = 3"))


def check_negative_logits_kept(m):
    args = _params(4, 2, 3, 3, seed=3)
    args[4] = torch.tensor([-5.0, -5.0, -5.0])
    _run(m, args, _("output bias b2 = (−5, −5, −5), so most logits are negative"))


def check_float64(m):
    _run(m, _params(3, 4, 5, 2, dtype=torch.float64, seed=4), _("float64 inputs: x [3, 4], H = 5, C = 2"))
