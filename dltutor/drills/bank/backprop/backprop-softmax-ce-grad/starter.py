"""The gradient of softmax + cross-entropy (交叉熵) with respect to logits.

The loss is the mean cross-entropy over a batch, as F.cross_entropy
computes it:

    L = (1/N) Σₙ −log softmax(logitsₙ)[targetsₙ]

Task: return grad = ∂L/∂logits, worked out by hand.

Shapes and types:
    logits:  [N, C] float tensor, raw scores for C classes
    targets: [N] int64 tensor, the true class of each sample, 0 … C−1
    returns grad: [N, C], same dtype as logits

Rules: do not use autograd (.backward(), torch.autograd). torch.softmax is
allowed. It must stay finite for logits near ±1000. Do not change the
inputs.

Example (N = 1, C = 2, equal logits, so p = (0.5, 0.5)):
    >>> softmax_ce_grad(torch.tensor([[0., 0.]]), torch.tensor([1]))
    tensor([[ 0.5000, -0.5000]])
"""

import torch


def softmax_ce_grad(logits: torch.Tensor, targets: torch.Tensor
                    ) -> torch.Tensor:
    raise NotImplementedError("TODO: (softmax − one-hot) / N")
