"""Leaky ReLU (带泄漏的 ReLU) and its derivative.

Task: write two functions, element by element:

    leaky_relu(x, slope)      = x           if x > 0
                                slope · x   otherwise
    leaky_relu_grad(x, slope) = 1           if x > 0
                                slope       otherwise (also at x = 0,
                                            as PyTorch's autograd does)

Shapes and types:
    x: a float tensor of any shape; slope: a float (0.01 by default)
    returns: a tensor of the same shape and dtype as x

Rules: do not call F.leaky_relu or nn.LeakyReLU, and do not use autograd.
Do not change x (no in-place operations on it). Use the slope argument:
any slope may be passed, also one larger than 1.

Example:
    >>> leaky_relu(torch.tensor([-2., 0., 3.]), slope=0.1)
    tensor([-0.2000,  0.0000,  3.0000])
    >>> leaky_relu_grad(torch.tensor([-2., 0., 3.]), slope=0.1)
    tensor([0.1000, 0.1000, 1.0000])
"""

import torch


def leaky_relu(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    raise NotImplementedError("TODO: x where x > 0, else slope * x")


def leaky_relu_grad(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    raise NotImplementedError("TODO: 1 where x > 0, else slope")
