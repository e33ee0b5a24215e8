"""Perceptron prediction (感知机).

Task: write predict(x, w, b). It returns the perceptron's output for every
sample (every row) of x:

    z = w · x + b                      one number per sample
    y = 1 if z >= 0, otherwise 0       the step function

Shapes and types:
    x: [N, D] float tensor, one sample per row, D features
    w: [D] float tensor, one weight per feature
    b: float, the bias (b = −θ, minus the threshold)
    returns: [N] tensor of 0.0 and 1.0, with the same dtype as x

Rules: use tensor operations; you do not need a Python loop. Do not change
x or w.

Example (logical AND: w = (1, 1), b = −1.5):
    >>> x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    >>> predict(x, torch.tensor([1., 1.]), -1.5)
    tensor([0., 0., 0., 1.])
"""

import torch


def predict(x: torch.Tensor, w: torch.Tensor, b: float) -> torch.Tensor:
    raise NotImplementedError("TODO: z = x @ w + b, then the step")
