"""Perceptron prediction: reference solution."""

import torch


def predict(x: torch.Tensor, w: torch.Tensor, b: float) -> torch.Tensor:
    # [N, D] @ [D] -> [N]: one weighted sum per sample, all at once.
    z = x @ w + b
    # The step function fires at z = 0 too, so compare with >=.
    # The comparison gives booleans; .to(x.dtype) makes them 0.0 / 1.0.
    return (z >= 0).to(x.dtype)
