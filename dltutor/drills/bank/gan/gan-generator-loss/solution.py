"""The non-saturating generator loss: reference solution."""

import torch
import torch.nn.functional as F


def g_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    # Label 1 ("real") for the fakes: G wants D to be fooled. This is
    # mean(-log sigmoid(a)), whose gradient stays large when D rejects
    # the fakes; _with_logits computes it without log(0).
    return F.binary_cross_entropy_with_logits(
        fake_logits, torch.ones_like(fake_logits))
