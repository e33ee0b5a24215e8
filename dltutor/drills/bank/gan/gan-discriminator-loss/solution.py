"""The discriminator's loss on logits: reference solution."""

import torch
import torch.nn.functional as F


def d_loss(real_logits: torch.Tensor,
           fake_logits: torch.Tensor) -> torch.Tensor:
    # The _with_logits version applies the sigmoid inside, stably: it
    # never takes log(0), even for logits near +-1000.
    # ones_like / zeros_like: labels with the logits' shape and dtype.
    real = F.binary_cross_entropy_with_logits(
        real_logits, torch.ones_like(real_logits))     # real -> 1
    fake = F.binary_cross_entropy_with_logits(
        fake_logits, torch.zeros_like(fake_logits))    # fake -> 0
    return real + fake
