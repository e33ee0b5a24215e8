"""The forward pass of a multilayer perceptron (多层感知机, MLP).

Task: write forward(x, W1, b1, W2, b2) for a network with one hidden layer
of H units and ReLU, and C output units with no activation (logits):

    h      = ReLU(x W1ᵀ + b1)        hidden activations, [N, H]
    logits = h W2ᵀ + b2              raw scores, [N, C]

Shapes (all float tensors of one dtype):
    x:  [N, D]   N samples with D features
    W1: [H, D]   one row per hidden unit (PyTorch's nn.Linear convention)
    b1: [H]
    W2: [C, H]   one row per output unit
    b2: [C]
    returns logits: [N, C], same dtype as x

Rules: ReLU(z) = max(z, 0), element by element. No activation on the output.

Example (D = 2, H = 2, C = 1):
    >>> x = torch.tensor([[1., 2.]])
    >>> W1 = torch.tensor([[1., 0.], [0., -1.]]); b1 = torch.zeros(2)
    >>> W2 = torch.tensor([[1., 1.]]); b2 = torch.tensor([0.5])
    >>> forward(x, W1, b1, W2, b2)        # h = ReLU((1, -2)) = (1, 0)
    tensor([[1.5000]])
"""

import torch


def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: hidden layer with ReLU, then output")
