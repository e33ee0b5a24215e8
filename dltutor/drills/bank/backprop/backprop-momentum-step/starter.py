"""One step of SGD with momentum (动量), in torch.optim.SGD's convention.

Task: write momentum_step(p, g, v, lr, mu). Given a parameter p, its
gradient g and its velocity v, return the new parameter and velocity:

    v_new = mu · v + g
    p_new = p − lr · v_new

This is what torch.optim.SGD(params, lr=lr, momentum=mu) does (dampening
0, nesterov False). The velocity starts as zeros.

Shapes and types:
    p, g, v: float tensors of one shape and dtype
    lr: float > 0, the learning rate;  mu: float in [0, 1), the momentum
    returns (p_new, v_new), each with the shape and dtype of p

Rules: do not use torch.optim. You may update p and v in place or return
new tensors; either way return both. Do not change g.

Example (first step, v = 0):
    >>> p, g = torch.tensor([1., 2.]), torch.tensor([0.5, -1.])
    >>> momentum_step(p, g, torch.zeros(2), lr=0.1, mu=0.9)
    (tensor([0.9500, 2.1000]), tensor([ 0.5000, -1.0000]))
"""

import torch


def momentum_step(p: torch.Tensor, g: torch.Tensor, v: torch.Tensor,
                  lr: float, mu: float) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: update v, then step p with it")
