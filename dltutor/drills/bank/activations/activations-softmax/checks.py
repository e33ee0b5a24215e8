"""Hidden checks for activations-softmax."""

import torch

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, seeded)
from dltutor.i18n import _

RULE = _("without calling torch.softmax, F.softmax, log_softmax or nn.Softmax")
WRITE_IT = _("the drill is to write softmax yourself, with torch.exp, max and sum")


def _advice(z, dim):
    def advice(actual):
        zd = z.double()
        e_naive = torch.exp(zd.float()).double()
        e_glob = torch.exp(zd - zd.max())
        nan_candidates = [
            (e_naive / e_naive.sum(dim=dim, keepdim=True),
             _("your softmax overflowed for logits near {value}: exp() of them is inf and inf / inf is NaN: "
               "subtract the maximum first (along dim, with keepdim=True)").format(
                 value=f"{float(f'{float(z.abs().max()):.1g}'):.0f}")),
            (e_glob.float().double() / e_glob.float().double().sum(dim=dim, keepdim=True),
             _("0 / 0 = NaN: every exp() in a slice underflowed to 0 because you subtracted the maximum of the whole "
             "tensor. Each slice needs its own maximum: z.max(dim=dim, keepdim=True)")),
        ]
        if isinstance(actual, torch.Tensor) and not bool(torch.isfinite(actual).all()):
            return diagnose(actual, nan_candidates, _("NaN or inf: subtract the maximum first, along dim"))
        e = torch.exp(z.double() - z.double().max(dim=dim, keepdim=True).values)
        candidates = [(e / e.sum(), _("sum along dim only: each slice must sum to 1, not the whole tensor"))]
        if z.dim() > 1 and dim not in (-1, z.dim() - 1):
            e_last = torch.exp(z.double() - z.double().max(dim=-1, keepdim=True).values)
            candidates.append((e_last / e_last.sum(dim=-1, keepdim=True),
                               _("use the dim argument (here dim={dim}): you normalised the last dimension").format(
                                   dim=dim)))
        candidates.append((e_glob / e_glob.sum(dim=dim, keepdim=True),
                           _("each slice needs its own maximum: z.max(dim=dim, keepdim=True)")))
        return diagnose(actual, candidates)
    return advice


def _run(m, z, case, dim=None):
    z0 = z.clone()
    out = m.softmax(z) if dim is None else m.softmax(z, dim=dim)
    expect_unchanged(z0, z, case=case, name="z")
    d = -1 if dim is None else dim
    expect_close(out, torch.softmax(z0, dim=d), case=case, advice=_advice(z0, d), rtol=1e-4, atol=1e-7)


def check_rules(m):
    expect_not_used(m, {"softmax", "log_softmax", "Softmax", "LogSoftmax"}, rule=RULE, advice=WRITE_IT)


def check_worked_example(m):
    _run(m, torch.tensor([[2.0, 1.0, 0.1]]), _("the worked example: z = [[2, 1, 0.1]]"))


def check_batch(m):
    _run(m, torch.randn(4, 6, generator=seeded(7)), _("random logits z of shape [4, 6]"))


def check_large_logits(m):
    _run(m, torch.tensor([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -999.0]]),
         _("z of shape [2, 3] with values near 1000 and near −1000"))


def check_rows_far_apart(m):
    _run(m, torch.tensor([[500.0, 499.0], [-500.0, -499.0], [0.0, 1.0]]),
         _("rows far apart: z = [[500, 499], [−500, −499], [0, 1]]"))


def check_square_input(m):
    _run(m, torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [-2.0, 0.0, 4.0]]),
         _("a square z of shape [3, 3] (shapes alone cannot catch a wrong dimension)"))


def check_dim_argument(m):
    z = torch.randn(2, 3, 4, generator=seeded(8)) * 5
    _run(m, z, _("z of shape [2, 3, 4], dim=1"), dim=1)
    _run(m, z, _("z of shape [2, 3, 4], dim=0"), dim=0)


def check_single_class_and_float64(m):
    _run(m, torch.tensor([[7.0], [-3.0]], dtype=torch.float64), _("one class per row: float64 z [[7], [−3]]"))
