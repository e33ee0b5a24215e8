"""Sigmoid and its derivative: reference solution."""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # exp(-|x|) lies in (0, 1]: it can never overflow.
    e = torch.exp(-x.abs())
    # x >= 0: 1 / (1 + e^-x).  x < 0: e^x / (1 + e^x), the same value
    # written so that only e^x = e appears.
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    # σ'(x) = σ(x)(1 - σ(x)), and 1 - σ(x) = σ(-x). For large x, 1 - σ(x)
    # rounds to 0 while σ(-x) keeps all its digits.
    return sigmoid(x) * sigmoid(-x)
