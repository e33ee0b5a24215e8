"""Hidden checks for backprop-momentum-step: compared with torch.optim.SGD(momentum=mu)."""

import torch

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, fail, seeded)
from dltutor.i18n import _


def _sgd(p0, grads, lrs, mu):
    """Parameters and velocities after each step of torch.optim.SGD."""
    p = p0.clone().requires_grad_(True)
    opt = torch.optim.SGD([p], lr=lrs[0], momentum=mu)
    out = []
    for g, lr in zip(grads, lrs):
        opt.param_groups[0]["lr"] = lr
        p.grad = g.clone()
        opt.step()
        # With mu = 0 SGD keeps no buffer; the velocity is then the gradient itself.
        v = opt.state[p].get("momentum_buffer")
        out.append((p.detach().clone(), g.clone() if v is None else v.clone()))
    return out


def _run(m, p0, grads, lrs, mu, case):
    expected = _sgd(p0, grads, lrs, mu)
    p, v = p0.clone(), torch.zeros_like(p0)
    for step, (g, lr, (p_ref, v_ref)) in enumerate(zip(grads, lrs, expected), 1):
        here = _("{case}, step {step} (lr = {lr}, mu = {mu})").format(case=case, step=step, lr=lr, mu=mu)
        g0 = g.clone()
        p_prev, v_prev = p.clone(), v.clone()
        out = m.momentum_step(p, g, v, lr, mu)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            fail(here, _("a pair (p_new, v_new)"), type(out).__name__, _("return p, v"))
        expect_unchanged(g0, g, case=here, name="g")
        p, v = out
        v_good = mu * v_prev + g0
        expect_close(v, v_ref, case=here, what="v_new", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
            (mu * v_prev - lr * g0, _("torch.optim.SGD keeps lr out of v: v ← μ·v + g, then p ← p − lr·v")),
            (mu * v_prev + (1 - mu) * g0, _("no (1 − μ) factor on g: that is an exponential average as in Adam; "
                                          "SGD's momentum is v ← μ·v + g")),
        ], _("v_new = mu · v + g")))
        expect_close(p, p_ref, case=here, what="p_new", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
            (p_prev - lr * v_prev, _("step with the new velocity: update v first, then p ← p − lr·v_new")),
            (p_prev - lr * g0, _("the parameter moves along the velocity v, not along g")),
            (p_prev + lr * v_good, _("subtract: p ← p − lr·v goes downhill")),
        ], _("p_new = p − lr · v_new")))
        v = v.detach().clone()
        p = p.detach().clone()


def check_rules(m):
    expect_not_used(m, {"SGD", "optim", "sgd"}, rule=_("without torch.optim"),
                    advice=_("the drill is to write the two update lines yourself"))


def check_first_step(m):
    _run(m, torch.tensor([1.0, 2.0]), [torch.tensor([0.5, -1.0])], [0.1], 0.9,
         _("the example: p = (1, 2), g = (0.5, −1), v = 0"))


def check_several_steps(m):
    g = seeded(30)
    grads = [torch.randn(3, 2, generator=g) for _ in range(4)]
    _run(m, torch.randn(3, 2, generator=g), grads, [0.05] * 4, 0.9,
         _("p of shape [3, 2], 4 steps with random gradients"))


def check_learning_rate_schedule(m):
    g = seeded(31)
    grads = [torch.randn(4, generator=g) for _ in range(3)]
    _run(m, torch.randn(4, generator=g), grads, [0.1, 0.05, 0.01], 0.8,
         _("p of shape [4], 3 steps while the learning rate falls 0.1, 0.05, 0.01"))


def check_no_momentum(m):
    _run(m, torch.tensor([0.0, -1.0, 3.0]), [torch.tensor([1.0, 1.0, -2.0])] * 2, [0.5, 0.5], 0.0,
         _("mu = 0 (plain SGD): p = (0, −1, 3), the same gradient twice"))


def check_float64(m):
    g = seeded(32)
    d = torch.float64
    grads = [torch.randn(2, 2, generator=g, dtype=d) for _ in range(2)]
    _run(m, torch.randn(2, 2, generator=g, dtype=d), grads, [0.1, 0.1], 0.5, _("float64 p of shape [2, 2]"))
