"""Hidden checks for attention-scaled-dot-product: compared with F.scaled_dot_product_attention."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import diagnose, expect_close, expect_not_used, expect_unchanged, fail, seeded
from dltutor.i18n import _

RULE = _("without F.scaled_dot_product_attention or nn.MultiheadAttention")


def _weights(q, k, scale, dim=-1):
    return torch.softmax(q @ k.transpose(-2, -1) * scale, dim=dim)


def _run(m, q, k, v, case):
    inputs = (q.clone(), k.clone(), v.clone())
    out = m.attention(q, k, v)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(case, _("a pair (output, weights)"), type(out).__name__, _("return output, weights (in that order)"))
    for before, after, name in zip(inputs, (q, k, v), "qkv"):
        expect_unchanged(before, after, case=case, name=name)
    d = q.shape[-1]
    weights = _weights(q, k, d**-0.5)
    if _swapped(out, q, v):
        fail(case, "(output, weights)", "(weights, output)", _("return output, weights (in that order)"))
    mistakes = [
        (_weights(q, k, 1.0), _("divide the scores by √d: without it the softmax is too sharp (it saturates)")),
        (_weights(q, k, 1 / d), _("divide by √d, not by d: d shrinks the scores too much for large d")),
        (_weights(q, k, d**-0.5, dim=-2), _("the softmax runs along the keys (dim=-1), so each query's weights "
                                          "sum to 1; you normalised over the queries")),
        (_weights(q, k, q.shape[-2]**-0.5), _("d is the size of each query and key, q.shape[-1]; q.shape[0] "
                                            "(or -2) counts the queries")),
    ]
    expect_close(out[1], weights, case=case, what="weights", rtol=1e-5, atol=1e-6,
                 advice=lambda a: diagnose(a, mistakes, _("weights = softmax(q kᵀ / √d) along the last dimension")))
    expect_close(out[0], F.scaled_dot_product_attention(q, k, v), case=case, what="output", rtol=1e-5, atol=1e-6,
                 advice=_("output = weights @ v: one weighted average of the value rows per query"))


def _swapped(out, q, v) -> bool:
    """True when the pair is (weights, output): shapes [.., n, m] and [.., n, dv] in the wrong places."""
    first, second = out
    want_out, want_w = (*q.shape[:-1], v.shape[-1]), (*q.shape[:-1], v.shape[-2])
    return (want_out != want_w and torch.is_tensor(first) and torch.is_tensor(second)
            and tuple(first.shape) == want_w and tuple(second.shape) == want_out)


def _random(shape_q, m, dv, seed, dtype=torch.float32):
    g = seeded(seed)
    *batch, n, d = shape_q
    return (torch.randn(*batch, n, d, generator=g, dtype=dtype), torch.randn(*batch, m, d, generator=g, dtype=dtype),
            torch.randn(*batch, m, dv, generator=g, dtype=dtype))


def check_rules(m):
    expect_not_used(m, {"scaled_dot_product_attention", "MultiheadAttention", "multi_head_attention_forward"},
                    rule=RULE, advice=_("the drill is to write the three steps yourself with @ and softmax"))


def check_lesson_example(m):
    q = torch.tensor([[2.0, 0, 2, 0], [0, 2, 0, 2], [1, 1, 1, 1]])
    k = torch.tensor([[1.0, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]])
    v = torch.tensor([[1.0, 0], [0, 1], [1, 1]])
    _run(m, q, k, v, _("the lesson's three tokens (d = 4)"))


def check_more_keys_than_queries(m):
    _run(m, *_random((2, 16), m=5, dv=3, seed=80), _("2 queries, 5 keys, d = 16, values of size 3"))


def check_batch_and_heads(m):
    q, k, v = _random((2, 4, 6, 8), m=6, dv=8, seed=81)
    case = _("a batch of 2, 4 heads, 6 tokens, d = 8")
    try:
        m.attention(q.clone(), k.clone(), v.clone())
    except RuntimeError as exc:
        m.attention(q[0, 0], k[0, 0], v[0, 0])  # fails here too: the judge shows the learner's line
        # One matrix works, a batch does not: nearly always k.T, which reverses every dimension.
        fail(case, _("an output of shape [2, 4, 6, 8]"), f"RuntimeError: {str(exc).splitlines()[0]}",
             _("it works on one matrix but not on a batch: transpose only the last two dimensions, "
             "k.transpose(-2, -1) (or k.mT); k.T reverses every dimension of a batched tensor"))
    _run(m, q, k, v, case)


def check_float64(m):
    _run(m, *_random((3, 64), m=3, dv=2, seed=82, dtype=torch.float64), _("float64, 3 tokens, d = 64"))
