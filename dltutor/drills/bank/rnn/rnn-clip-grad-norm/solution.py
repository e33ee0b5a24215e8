"""Gradient clipping by the total norm: reference solution."""

import torch


def clip_grad_norm(grads: list[torch.Tensor],
                   max_norm: float) -> torch.Tensor:
    # One norm over every element of every gradient: the length of the
    # whole gradient seen as a single vector.
    total_norm = torch.sqrt(sum(g.pow(2).sum() for g in grads))
    # The 1e-6 keeps the division safe when every gradient is zero.
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1:                 # only shrink, never enlarge
        for g in grads:
            g.mul_(coef)         # in place: param.grad itself changes
    return total_norm
