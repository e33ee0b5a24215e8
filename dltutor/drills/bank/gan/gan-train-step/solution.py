"""One GAN training step: reference solution."""

import torch
import torch.nn.functional as F
from torch import nn


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer,
               opt_d: torch.optim.Optimizer, real: torch.Tensor,
               z: torch.Tensor) -> tuple[float, float]:
    bce = F.binary_cross_entropy_with_logits
    fake = G(z)

    # 1) Discriminator: real -> 1, fake -> 0. detach() cuts the graph at
    # the fakes, so this backward never reaches G.
    real_logits = D(real)
    fake_logits = D(fake.detach())
    d_loss = (bce(real_logits, torch.ones_like(real_logits))
              + bce(fake_logits, torch.zeros_like(fake_logits)))
    opt_d.zero_grad()        # clears what the last G step left in D
    d_loss.backward()
    opt_d.step()

    # 2) Generator, non-saturating: the updated D should call fakes real.
    # The backward also fills D's .grad, but only opt_g steps.
    fake_logits = D(fake)
    g_loss = bce(fake_logits, torch.ones_like(fake_logits))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()

    # Plain floats for logging; no graph is kept alive.
    return d_loss.item(), g_loss.item()
