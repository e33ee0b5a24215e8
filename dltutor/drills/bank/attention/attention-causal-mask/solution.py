"""Causal attention weights: reference solution."""

import torch


def causal_weights(scores: torch.Tensor) -> torch.Tensor:
    n = scores.shape[-1]
    # True above the diagonal: key j lies in the future of query i (j > i).
    future = torch.triu(torch.ones(n, n, dtype=torch.bool,
                                   device=scores.device), diagonal=1)
    # Mask the scores, not the weights: e^(-inf) = 0 and rows still sum to 1.
    hidden = scores.masked_fill(future, float("-inf"))
    return torch.softmax(hidden, dim=-1)
