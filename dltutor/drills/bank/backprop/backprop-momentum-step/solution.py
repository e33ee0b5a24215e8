"""One step of SGD with momentum: reference solution."""

import torch


def momentum_step(p: torch.Tensor, g: torch.Tensor, v: torch.Tensor,
                  lr: float, mu: float) -> tuple[torch.Tensor, torch.Tensor]:
    # The velocity: old velocity decayed by mu, plus the new gradient.
    # PyTorch keeps lr out of v, so a learning-rate schedule acts at once.
    v = mu * v + g
    # Step along the NEW velocity.
    p = p - lr * v
    return p, v
