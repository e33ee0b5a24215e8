"""Scaled dot-product attention: reference solution."""

import torch


def attention(q: torch.Tensor, k: torch.Tensor,
              v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    d = q.shape[-1]
    # transpose(-2, -1), not .T: only the last two dimensions are swapped,
    # so any batch dimensions in front stay where they are.
    scores = q @ k.transpose(-2, -1) / d**0.5     # [..., n, m]
    weights = torch.softmax(scores, dim=-1)       # each query's row sums to 1
    return weights @ v, weights
