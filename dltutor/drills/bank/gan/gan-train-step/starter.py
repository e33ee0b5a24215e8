"""One training step of a GAN (生成对抗网络): first D, then G.

Task: write train_step(G, D, opt_g, opt_d, real, z) -> (d_loss, g_loss).

1. Discriminator step. fake = G(z). Loss
       d_loss = BCE(D(real), 1) + BCE(D(fake), 0)
   (BCE on logits, each averaged over its batch). Update D with opt_d.
   This step must not change G, nor send gradients into G: detach the
   fake batch.
2. Generator step, non-saturating. With the UPDATED D:
       g_loss = BCE(D(fake), 1)
   Update G with opt_g only; D's weights must not change in this step.

Call each optimizer's zero_grad() before its backward(): gradients add up
otherwise, and the generator step leaves gradients in D.

Types and shapes:
    G: nn.Module, noise [N, Z] -> samples [N, X]
    D: nn.Module, samples [N, X] -> logits [N, 1]
    opt_g, opt_d: torch optimizers over G's and D's parameters
    real: [N, X] float tensor, a batch of real samples
    z: [N, Z] float tensor, the noise for this step
    returns (d_loss, g_loss) as Python floats: the two losses computed in
        this step (before each update)

Rules: use F.binary_cross_entropy_with_logits (or nn.BCEWithLogitsLoss).
Do not change real or z.

Example (untrained tiny nets; see the lesson's complete loop):
    >>> G, D = nn.Linear(2, 2), nn.Linear(2, 1)
    >>> opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
    >>> opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
    >>> d, g = train_step(G, D, opt_g, opt_d, torch.randn(8, 2),
    ...                   torch.randn(8, 2))
    >>> type(d), type(g)
    (<class 'float'>, <class 'float'>)
"""

import torch
import torch.nn.functional as F
from torch import nn


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer,
               opt_d: torch.optim.Optimizer, real: torch.Tensor,
               z: torch.Tensor) -> tuple[float, float]:
    raise NotImplementedError("TODO: D step (fake detached), then G step")
