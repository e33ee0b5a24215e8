"""Sigmoid (S 型函数) and its derivative, finite and exact for any input.

Task: write two functions, element by element:

    sigmoid(x)      = σ(x)  = 1 / (1 + e⁻ˣ)
    sigmoid_grad(x) = σ′(x) = dσ/dx = σ(x) · (1 − σ(x))

Shapes and types:
    x: a float tensor of any shape (float32 or float64)
    returns: a tensor of the same shape and dtype as x

Rules:
- Results must be finite and accurate (to about 4 significant digits) for
  every x from −1000 to 1000. Very large or very small inputs must not give
  NaN or inf, and tiny results must not round to 0 where the dtype can hold
  them (σ′(30) ≈ 9.4·10⁻¹⁴ fits in float32).
- Do not call torch.sigmoid, torch.special.expit or F.sigmoid: write them.
- Do not change x.

Example:
    >>> sigmoid(torch.tensor([0., 2., -1000.]))
    tensor([0.5000, 0.8808, 0.0000])
    >>> sigmoid_grad(torch.tensor([0.]))
    tensor([0.2500])
"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: σ(x), stable for large |x|")


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: σ′(x) = σ(x)·(1 − σ(x))")
