"""Hidden checks for rnn-clip-grad-norm: compared with torch.nn.utils.clip_grad_norm_."""

import torch

from dltutor.drills.expect import (expect_close, expect_not_used, fail, fmt,
                                   seeded)
from dltutor.i18n import _

RULE = _("without calling torch.nn.utils.clip_grad_norm_")


def _reference(grads, max_norm):
    params = []
    for g in grads:
        p = torch.zeros_like(g, requires_grad=True)
        p.grad = g.clone()
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad for p in params], float(total)


def _run(m, grads, max_norm, case):
    originals = [g.clone() for g in grads]
    ref_grads, ref_total = _reference(originals, max_norm)
    total = m.clip_grad_norm(grads, max_norm)
    try:
        total = float(total)
    except (TypeError, ValueError, RuntimeError):
        fail(case, _("total_norm = {value} (a number)").format(value=fmt(ref_total)), f"{type(total).__name__}",
             _("return the total norm (a float or a 0-d tensor)"))
    clipped = ref_total > max_norm
    unchanged = all(torch.equal(g, o) for g, o in zip(grads, originals))
    if clipped and unchanged:
        fail(case, _("the gradients scaled by {factor}").format(factor=fmt(max_norm / ref_total)),
             _("the caller's gradients did not change"),
             _("clip in place (g.mul_(coef)): `g = g * coef` makes a new tensor and leaves param.grad as it was"))
    per_tensor = [o * min(1.0, max_norm / (float(o.norm()) + 1e-6)) for o in originals]
    for k, (g, ref) in enumerate(zip(grads, ref_grads)):
        def advice(actual, k=k):
            if not clipped and not torch.equal(actual, originals[k]):
                return _("only shrink: when the total norm is at most max_norm, leave the gradients alone")
            if torch.allclose(actual, per_tensor[k], rtol=1e-5, atol=1e-7) and len(grads) > 1:
                return (_("use one norm for all gradients together (√ of the sum of every squared element); "
                        "clipping each tensor by its own norm changes the direction"))
            return _("every gradient is multiplied by the same factor max_norm / (total_norm + 1e-6)")
        expect_close(g, ref, case=case, what=f"grads[{k}]", advice=advice, rtol=1e-5, atol=1e-7)
    if abs(total - ref_total) > 1e-5 * max(1.0, ref_total):
        after = float(torch.sqrt(sum(r.pow(2).sum() for r in ref_grads)))
        if abs(total - after) <= 1e-5 * max(1.0, after):
            tip = _("return the total norm measured before clipping, as clip_grad_norm_ does")
        else:
            tip = _("total_norm = √(Σ of every squared element of every gradient)")
        fail(case, f"total_norm = {fmt(ref_total)}", f"total_norm = {fmt(total)}", tip)


def check_rules(m):
    expect_not_used(m, {"clip_grad_norm_", "clip_grad_norm", "clip_grads_with_norm_", "get_total_norm"},
                    rule=RULE, advice=_("the drill is to compute the norm and the scaling yourself"))


def check_worked_example(m):
    _run(m, [torch.tensor([3.0, 4.0])], 1.0, _("one gradient (3, 4) with norm 5, max_norm = 1"))


def check_several_tensors(m):
    g = seeded(80)
    _run(m, [torch.randn(3, 4, generator=g) * 3, torch.randn(5, generator=g), torch.randn(2, 2, 2, generator=g)],
         2.0, _("three gradients of shapes [3, 4], [5] and [2, 2, 2], total norm about 11, max_norm = 2"))


def check_below_threshold(m):
    _run(m, [torch.tensor([0.3, -0.4]), torch.tensor([[0.1]])], 5.0,
         _("small gradients (total norm 0.51), max_norm = 5: nothing to clip"))


def check_one_large_one_small(m):
    _run(m, [torch.tensor([30.0, 40.0]), torch.tensor([0.5, 0.5])], 10.0,
         _("gradients (30, 40) and (0.5, 0.5), max_norm = 10: the small one shrinks too"))


def check_all_zero(m):
    _run(m, [torch.zeros(3), torch.zeros(2, 2)], 1.0, _("every gradient is zero"))


def check_float64(m):
    _run(m, [torch.randn(4, generator=seeded(81), dtype=torch.float64) * 100], 0.5,
         _("a float64 gradient of shape [4] with a norm near 200, max_norm = 0.5"))
