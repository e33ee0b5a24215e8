"""The discriminator's loss (判别器损失) of a GAN, on logits.

D gives one logit (a raw score) per sample: σ(logit) is the probability
that the sample is real. Task: write d_loss(real_logits, fake_logits)

    d_loss = BCE(real_logits, label 1) + BCE(fake_logits, label 0)

where BCE(a, y) is the binary cross-entropy of σ(a) with label y, averaged
over the batch (as F.binary_cross_entropy_with_logits computes it). The two
averages are ADDED, as in the lesson's training loop.

Shapes and types:
    real_logits: [N, 1] float tensor, D's logits for N real samples
    fake_logits: [M, 1] float tensor, D's logits for M fakes (M may differ)
    returns: a 0-d tensor, differentiable (it will be .backward()-ed)

Rules: it must be finite for confident logits (±1000). Do not change the
inputs.

Example (D unsure of everything: logits 0, so σ = 1/2 everywhere):
    >>> d_loss(torch.zeros(4, 1), torch.zeros(3, 1))
    tensor(1.3863)
"""

import torch
import torch.nn.functional as F


def d_loss(real_logits: torch.Tensor,
           fake_logits: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: BCE(real, 1) + BCE(fake, 0)")
