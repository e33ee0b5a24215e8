"""Causal attention weights (因果掩码): each position may only look back.

Task: write causal_weights(scores) -> weights.

    weights[..., i, j] = softmax over j ≤ i of scores[..., i, j]
    weights[..., i, j] = 0 for j > i (the future)

Shapes: scores [B..., n, n] float (any batch dimensions in front, or none);
returns weights of the same shape and dtype, each row summing to 1.

Rules: do not use F.scaled_dot_product_attention or nn.MultiheadAttention.
torch.triu, torch.tril, masked_fill and torch.softmax are fine. Do not
change the input.

Example (three positions, all scores 0):
    >>> causal_weights(torch.zeros(3, 3))
    tensor([[1.0000, 0.0000, 0.0000],
            [0.5000, 0.5000, 0.0000],
            [0.3333, 0.3333, 0.3333]])
"""

import torch


def causal_weights(scores: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: hide the future, then softmax")
