"""Backward pass of a linear layer: reference solution."""

import torch


def linear_backward(x: torch.Tensor, w: torch.Tensor, grad_out: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # Each gradient has the shape of its variable; the products follow.
    grad_x = grad_out @ w          # [N, O] @ [O, D] -> [N, D]
    grad_w = grad_out.T @ x        # [O, N] @ [N, D] -> [O, D]
    # b was added to every sample's output: sum (not average) over the
    # batch. A mean loss already put its 1/N inside grad_out.
    grad_b = grad_out.sum(dim=0)   # [O]
    return grad_x, grad_w, grad_b
