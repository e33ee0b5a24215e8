"""Hidden checks for gan-train-step: parameters after the step compared with a reference step."""

import torch
import torch.nn.functional as F
from torch import nn

from dltutor.drills.expect import (expect_close, expect_unchanged, fail, fmt,
                                   seeded)
from dltutor.i18n import _

BCE = F.binary_cross_entropy_with_logits
DETACH = (_("detach the fake batch in D's step (D(fake.detach())): D's loss must not build a graph "
          "through G"))


def _reference(G, D, opt_g, opt_d, real, z, *, zero_d=True, g_first=False):
    def d_step(fake):
        d = BCE(D(real), torch.ones(len(real), 1)) + BCE(D(fake.detach()), torch.zeros(len(z), 1))
        if zero_d:
            opt_d.zero_grad()
        d.backward()
        opt_d.step()
        return d.item()

    def g_step(fake):
        g = BCE(D(fake), torch.ones(len(z), 1))
        opt_g.zero_grad()
        g.backward()
        opt_g.step()
        return g.item()

    fake = G(z)
    if g_first:
        g = g_step(fake)
        return d_step(fake), g
    d = d_step(fake)
    return d, g_step(fake)


def _nets(seed, momentum):
    torch.manual_seed(seed)
    G = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2))
    D = nn.Sequential(nn.Linear(2, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
    opt_g = torch.optim.SGD(G.parameters(), lr=0.1, momentum=momentum)
    opt_d = torch.optim.SGD(D.parameters(), lr=0.1, momentum=momentum)
    return G, D, opt_g, opt_d


def _flat(module):
    return torch.cat([p.detach().reshape(-1) for p in module.parameters()])


def _run(m, steps, case, seed, momentum=0.0):
    g = seeded(seed)
    batches = [(torch.randn(6, 2, generator=g) + 3, torch.randn(6, 2, generator=g)) for _ in range(steps)]
    mine = _nets(seed, momentum)
    ref = _nets(seed, momentum)
    variants = {name: _nets(seed, momentum) for name in ("no_zero_d", "g_first")}
    # Count the backward passes that reach G: exactly one per step (its own).
    reached_g = []
    # (One parameter suffices: every backward through G reaches its first layer.)
    next(mine[0].parameters()).register_hook(lambda grad: reached_g.append(1))
    for step, (real, z) in enumerate(batches, 1):
        here = _("{case}, step {step} of {steps}").format(case=case, step=step, steps=steps)
        real0, z0 = real.clone(), z.clone()
        before = len(reached_g)
        try:
            out = m.train_step(*mine, real, z)
        except RuntimeError as exc:
            if "backward through the graph a second time" in str(exc):
                fail(here, _("G's backward to run once"), _("RuntimeError: Trying to backward through the graph a "
                     "second time"), DETACH)
            raise
        expect_unchanged(real0, real, case=here, name="real")
        expect_unchanged(z0, z, case=here, name="z")
        if len(reached_g) - before > 1:
            fail(here, _("gradients reach G once per step (from g_loss)"),
                 _("gradients reached G {n} times").format(n=len(reached_g) - before), DETACH)
        expected = _reference(*ref, real0, z0)
        guesses = {"no_zero_d": _reference(*variants["no_zero_d"], real0, z0, zero_d=False),
                   "g_first": _reference(*variants["g_first"], real0, z0, g_first=True)}
        for net, ref_net, name in ((mine[1], ref[1], "D"), (mine[0], ref[0], "G")):
            def advice(actual, name=name):
                for guess, tip in (("no_zero_d", _("call opt_d.zero_grad() before D's backward: the generator step "
                                                 "left gradients in D, and they add up")),
                                   ("g_first", _("update D first, then G with the updated D"))):
                    net_v = variants[guess][1 if name == "D" else 0]
                    if torch.allclose(actual, _flat(net_v), rtol=1e-5, atol=1e-6):
                        return tip
                if name == "G":
                    return (_("only opt_g changes G, once per step, with gradients of g_loss alone: zero G's "
                            "gradients before its backward"))
                return _("only opt_d changes D, once per step, with gradients of d_loss alone")
            expect_close(_flat(net), _flat(ref_net), case=here,
                         what=_("{name}'s parameters after the step (flattened)").format(name=name),
                         advice=advice, rtol=1e-5, atol=1e-6)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            fail(here, _("a pair (d_loss, g_loss)"), type(out).__name__, _("return d_loss.item(), g_loss.item()"))
        for k, (name, got, want) in enumerate(zip(("d_loss", "g_loss"), out, expected)):
            if isinstance(got, torch.Tensor) and got.requires_grad:
                fail(here, _("{name} as a Python float").format(name=name), _("a tensor that still holds its graph"),
                     _("return loss.item(): a float keeps no graph alive between steps"))
            try:
                got = float(got)
            except (TypeError, ValueError, RuntimeError):
                fail(here, _("{name} = {value} (a float)").format(name=name, value=fmt(want)), type(got).__name__,
                     _("return loss.item()"))
            if abs(got - want) > 1e-4 * max(1.0, abs(want)):
                tip = (_("update D first, then G (the generator step uses the updated D)")
                       if abs(got - guesses["g_first"][k]) < 1e-5 else
                       _("d_loss = BCE(D(real), 1) + BCE(D(fake), 0); g_loss = BCE(D(fake), 1) with the updated D; "
                       "return the values computed in this step"))
                fail(here, f"{name} = {fmt(want)}", f"{name} = {fmt(got)}", tip)


def check_one_step(m):
    _run(m, 1, _("one step with fresh nets (SGD, lr = 0.1), 6 real samples near (3, 3)"), seed=100)


def check_three_steps(m):
    _run(m, 3, _("three steps in a row with the same nets and optimizers"), seed=101)


def check_with_momentum(m):
    _run(m, 2, _("two steps with SGD momentum 0.9 (stale gradients would show)"), seed=102, momentum=0.9)
