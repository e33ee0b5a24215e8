"""Gradient clipping (梯度裁剪) by the total norm, as clip_grad_norm_.

Task: write clip_grad_norm(grads, max_norm). It does what
torch.nn.utils.clip_grad_norm_ does to the parameters' gradients:

    total_norm = √(Σ over all tensors, all elements of g²)
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1: multiply every gradient by coef, IN PLACE
    return total_norm (measured before clipping)

Shapes and types:
    grads: a list of float tensors of any shapes (the .grad of each
        parameter); they are changed in place
    max_norm: float > 0
    returns total_norm: a float, or a 0-d tensor

Rules: do not call torch.nn.utils.clip_grad_norm_ (or its helpers).
The direction of the whole gradient must stay the same.

Example (one gradient (3, 4), whose norm is 5):
    >>> g = torch.tensor([3., 4.])
    >>> float(clip_grad_norm([g], max_norm=1.0))
    5.0
    >>> g
    tensor([0.6000, 0.8000])
"""

import torch


def clip_grad_norm(grads: list[torch.Tensor],
                   max_norm: float) -> torch.Tensor:
    raise NotImplementedError("TODO: total norm, then scale in place")
