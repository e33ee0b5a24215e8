"""The non-saturating generator loss (生成器损失) of a GAN.

D gives one logit a per fake sample (σ(a) = D's probability that it is
real). Task: write g_loss(fake_logits), the non-saturating loss

    g_loss = mean over the batch of −log σ(a)

which is the binary cross-entropy of the fakes' logits with label 1
("real"): the generator wants D to call its fakes real.

Shapes and types:
    fake_logits: [N, 1] float tensor, D's logits for N fakes
    returns: a 0-d tensor, differentiable (it will be .backward()-ed)

Rules: finite for confident logits (±1000). Not the saturating minimax
form mean(log(1 − σ(a))). Do not change the input.

Example (D unsure: logits 0, σ = 1/2, so the loss is ln 2):
    >>> g_loss(torch.zeros(5, 1))
    tensor(0.6931)
"""

import torch
import torch.nn.functional as F


def g_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: BCE of the fakes with label 1")
