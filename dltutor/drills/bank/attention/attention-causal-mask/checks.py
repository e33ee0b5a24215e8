"""Hidden checks for attention-causal-mask: compared with a masked softmax and F.scaled_dot_product_attention."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import diagnose, expect_close, expect_not_used, expect_unchanged, seeded
from dltutor.i18n import _

RULE = _("without F.scaled_dot_product_attention or nn.MultiheadAttention")


def _masked(scores, hide):
    return torch.softmax(scores.masked_fill(hide, float("-inf")), dim=-1)


def _run(m, scores, case):
    before = scores.clone()
    out = m.causal_weights(scores)
    expect_unchanged(before, scores, case=case, name="scores")
    n = scores.shape[-1]
    ones = torch.ones(n, n, dtype=torch.bool)
    expected = _masked(scores, torch.triu(ones, diagonal=1))
    mistakes = [
        (torch.softmax(scores, -1).masked_fill(torch.triu(ones, diagonal=1), 0.0),
         _("mask before the softmax: fill the future scores with -inf, then softmax; zeroing weights after the "
         "softmax leaves rows that do not sum to 1")),
        (torch.softmax(torch.tril(scores), -1), _("the future keys still get weight: fill their scores with -inf "
                                                 "before the softmax (a score of 0 is not hidden: e⁰ = 1)")),
        (torch.softmax(scores, -1), _("no position may look ahead: hide every key j > i")),
        (_masked(scores, torch.tril(ones, diagonal=-1)), _("you hid the past: the future is above the diagonal, "
                                                          "torch.triu(..., diagonal=1)")),
    ]
    expect_close(out, expected, case=case, what="weights", rtol=1e-5, atol=1e-6, advice=lambda a: _advice(a, mistakes))


def _advice(actual, mistakes):
    if torch.is_tensor(actual) and actual.is_floating_point() and bool(actual.isnan().any()):
        return (_("a row with every key hidden gives NaN: a token may attend to itself, so hide only j > i "
                "(torch.triu(..., diagonal=1), not diagonal=0); masked_fill hides where the mask is True, so "
                "the mask must be True on the future, not on the allowed keys"))
    return diagnose(actual, mistakes, _("weights[i, j] = 0 for j > i, each row a softmax over j ≤ i"))


def check_rules(m):
    expect_not_used(m, {"scaled_dot_product_attention", "MultiheadAttention"}, rule=RULE,
                    advice=_("the drill is to build the mask yourself"))


def check_equal_scores(m):
    _run(m, torch.zeros(3, 3), _("three positions, all scores 0"))


def check_random_scores(m):
    _run(m, torch.randn(5, 5, generator=seeded(90)), _("five positions, random scores"))


def check_batch_and_heads_match_pytorch(m):
    g = seeded(91)
    q, k, v = (torch.randn(2, 3, 6, 4, generator=g) for _ in range(3))
    scores = q @ k.transpose(-2, -1) / 2.0  # √d = 2
    _run(m, scores, _("a batch of 2, 3 heads, 6 positions"))
    expect_close(m.causal_weights(scores) @ v, F.scaled_dot_product_attention(q, k, v, is_causal=True),
                 case=_("6 positions: your weights @ v against F.scaled_dot_product_attention(is_causal=True)"),
                 what="output", rtol=1e-5, atol=1e-6)


def check_float64(m):
    _run(m, torch.randn(4, 4, generator=seeded(92), dtype=torch.float64), _("float64, four positions"))
