"""The forward pass of an MLP: reference solution."""

import torch


def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor) -> torch.Tensor:
    # [N, D] @ [D, H] -> [N, H]; b1 [H] is broadcast over the N rows.
    h = torch.relu(x @ W1.T + b1)
    # No activation on the output: logits are raw scores.
    return h @ W2.T + b2
