"""Hidden checks for gan-generator-loss: compared with F.binary_cross_entropy_with_logits."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_unchanged,
                                   fail, seeded)
from dltutor.i18n import _

BCE = F.binary_cross_entropy_with_logits


def _reference(a):
    return BCE(a, torch.ones_like(a))


def _grad(loss_fn, a):
    a = a.clone().requires_grad_(True)
    loss_fn(a).backward()
    return a.grad


def _run(m, logits, case):
    a0 = logits.clone()
    a = logits.clone().requires_grad_(True)
    loss = m.g_loss(a)
    expect_unchanged(a0, a.detach(), case=case, name="fake_logits")
    ref = _reference(a0)

    def advice(actual):
        if isinstance(actual, torch.Tensor) and not bool(torch.isfinite(actual).all()):
            return (_("log(sigmoid(a)) is log(0) = −inf once σ(a) rounds to 0: use "
                    "F.binary_cross_entropy_with_logits, which works on logits safely"))
        return diagnose(actual, [
            (-BCE(a0, torch.zeros_like(a0)), _("that is the saturating minimax loss mean(log(1 − σ(a))): use the "
                                             "non-saturating −log σ(a), BCE with label 1")),
            (BCE(a0, torch.zeros_like(a0)), _("G wants D to call the fakes real: label 1, not 0")),
            (-ref, _("minimise −log σ(a) (BCE with label 1), not +log σ(a)")),
        ], _("g_loss = mean(−log σ(a)) = BCE(fake_logits, label 1)"))

    if isinstance(loss, torch.Tensor) and loss.numel() == 1 and loss.dim() > 0:
        fail(case, _("a 0-d tensor (a scalar)"), _("shape {shape}").format(shape=list(loss.shape)),
             _("reduce to a scalar: use the mean"))
    expect_close(loss, ref, case=case, what="g_loss", advice=advice, rtol=1e-5, atol=1e-6)
    if not loss.requires_grad:
        fail(case, _("a loss that is differentiable (requires_grad=True)"), _("a loss cut off from the logits"),
             _("keep the loss differentiable: no .item(), .detach() or torch.tensor(...) around it"))
    loss.backward()
    expect_close(a.grad, _grad(_reference, a0), case=case, what="∂g_loss/∂fake_logits", rtol=1e-5, atol=1e-7,
                 advice=lambda g: diagnose(g, [
                     (_grad(lambda x: BCE(x, torch.zeros_like(x)), a0), _("G wants D to call the fakes real: label 1")),
                     (_grad(lambda x: -BCE(x, torch.zeros_like(x)), a0),
                      _("that is the saturating minimax loss: use the non-saturating −log σ(a), BCE with label 1")),
                 ]))


def check_unsure_discriminator(m):
    _run(m, torch.zeros(5, 1), _("all logits 0 (D answers 1/2)"))


def check_rejected_fakes(m):
    _run(m, torch.tensor([[-4.0], [-3.0], [-5.0]]),
         _("D rejects the fakes: logits (−4, −3, −5), where σ(a) is small"))


def check_random_logits(m):
    _run(m, torch.randn(7, 1, generator=seeded(92)), _("7 random logits"))


def check_confident_logits(m):
    _run(m, torch.tensor([[-1000.0], [1000.0], [0.5]]), _("confident logits (−1000, 1000, 0.5)"))


def check_float64(m):
    _run(m, torch.randn(3, 1, generator=seeded(93), dtype=torch.float64), _("float64 logits [3, 1]"))
