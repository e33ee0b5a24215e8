"""Hidden checks for gan-discriminator-loss: compared with F.binary_cross_entropy_with_logits."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_unchanged,
                                   fail, seeded)
from dltutor.i18n import _

BCE = F.binary_cross_entropy_with_logits


def _reference(real, fake):
    return BCE(real, torch.ones_like(real)) + BCE(fake, torch.zeros_like(fake))


def _swapped(real, fake):
    return BCE(real, torch.zeros_like(real)) + BCE(fake, torch.ones_like(fake))


def _grads(loss_fn, real, fake):
    real, fake = real.clone().requires_grad_(True), fake.clone().requires_grad_(True)
    loss_fn(real, fake).backward()
    return real.grad, fake.grad


def _run(m, real, fake, case):
    r0, f0 = real.clone(), fake.clone()
    real = real.clone().requires_grad_(True)
    fake = fake.clone().requires_grad_(True)
    loss = m.d_loss(real, fake)
    expect_unchanged(r0, real.detach(), case=case, name="real_logits")
    expect_unchanged(f0, fake.detach(), case=case, name="fake_logits")
    ref = _reference(r0, f0)

    def advice(actual):
        if isinstance(actual, torch.Tensor) and not bool(torch.isfinite(actual).all()):
            return (_("log(sigmoid(a)) is log(0) = −inf once σ(a) rounds to 0: use "
                    "F.binary_cross_entropy_with_logits, which works on logits safely"))
        return diagnose(actual, [
            (_swapped(r0, f0), _("real samples get label 1 and fakes label 0")),
            (ref / 2, _("add the two averages (the lesson's loop adds them); do not halve")),
            (BCE(torch.cat([r0, f0]), torch.cat([torch.ones_like(r0), torch.zeros_like(f0)])),
             _("average each batch on its own, then add the two averages")),
        ], _("d_loss = BCE(real_logits, 1) + BCE(fake_logits, 0), each averaged over its batch"))

    if isinstance(loss, torch.Tensor) and loss.numel() == 1 and loss.dim() > 0:
        fail(case, _("a 0-d tensor (a scalar)"), _("shape {shape}").format(shape=list(loss.shape)),
             _("reduce to a scalar: use the mean"))
    expect_close(loss, ref, case=case, what="d_loss", advice=advice, rtol=1e-5, atol=1e-6)
    if not loss.requires_grad:
        fail(case, _("a loss that is differentiable (requires_grad=True)"), _("a loss cut off from the logits"),
             _("keep the loss differentiable: no .item(), .detach() or torch.tensor(...) around it"))
    loss.backward()
    r_ref, f_ref = _grads(_reference, r0, f0)
    r_swap, f_swap = _grads(_swapped, r0, f0)
    swapped = _("real samples get label 1 and fakes label 0")
    expect_close(real.grad, r_ref, case=case, what="∂d_loss/∂real_logits", rtol=1e-5, atol=1e-7,
                 advice=lambda a: diagnose(a, [(r_swap, swapped)]))
    expect_close(fake.grad, f_ref, case=case, what="∂d_loss/∂fake_logits", rtol=1e-5, atol=1e-7,
                 advice=lambda a: diagnose(a, [(f_swap, swapped)]))


def check_unsure_discriminator(m):
    _run(m, torch.zeros(4, 1), torch.zeros(3, 1), _("all logits 0 (D answers 1/2): 4 real, 3 fake"))


def check_random_logits(m):
    g = seeded(90)
    _run(m, torch.randn(6, 1, generator=g) + 1, torch.randn(5, 1, generator=g) - 1,
         _("random logits, 6 real (mostly positive) and 5 fake (mostly negative)"))


def check_confident_and_wrong(m):
    _run(m, torch.tensor([[-1000.0], [5.0]]), torch.tensor([[1000.0], [-5.0]]),
         _("confident logits: real (−1000, 5) and fake (1000, −5): D is badly wrong on one of each"))


def check_batch_of_one(m):
    _run(m, torch.tensor([[2.0]]), torch.tensor([[-3.0]]), _("one real logit 2 and one fake logit −3"))


def check_float64(m):
    g = seeded(91)
    _run(m, torch.randn(3, 1, generator=g, dtype=torch.float64), torch.randn(2, 1, generator=g, dtype=torch.float64),
         _("float64 logits: 3 real, 2 fake"))
