"""Scaled dot-product attention (缩放点积注意力), equal to
F.scaled_dot_product_attention.

Task: write attention(q, k, v) -> (output, weights).

    weights = softmax(q kᵀ / √d)    the softmax along the keys (last dim)
    output  = weights v

Shapes (float tensors of one dtype; B... = any batch dimensions, or none):
    q: [B..., n, d]    n queries of size d
    k: [B..., m, d]    m keys of the same size d
    v: [B..., m, dv]   one value row per key
    returns (output [B..., n, dv], weights [B..., n, m]); each row of
    weights sums to 1.

Rules: do not use F.scaled_dot_product_attention or nn.MultiheadAttention.
torch.softmax is fine. Do not change the inputs.

Example (the lesson's first token: scores 4, 0, 2, scaled by √4 = 2):
    >>> q = torch.tensor([[2., 0, 2, 0]])
    >>> k = torch.tensor([[1., 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]])
    >>> v = torch.tensor([[1., 0], [0, 1], [1, 1]])
    >>> out, w = attention(q, k, v)
    >>> w.round(decimals=3), out.round(decimals=3)
    (tensor([[0.6650, 0.0900, 0.2450]]), tensor([[0.9100, 0.3350]]))
"""

import torch


def attention(q: torch.Tensor, k: torch.Tensor,
              v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: scores, softmax weights, weighted sum")
