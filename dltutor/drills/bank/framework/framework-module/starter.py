"""Your own nn.Module: a tiny multilayer perceptron.

Task: write the class TinyMLP(nn.Module):

    TinyMLP(in_features=4, hidden=8, out_features=3)

with exactly two layers, stored as attributes with these names:

    self.fc1 = a Linear layer from in_features to hidden
    self.fc2 = a Linear layer from hidden to out_features

and a forward(x) that returns fc2(ReLU(fc1(x))): the logits, with no
activation (no softmax) at the end.

Shapes:
    x: [N, in_features] float32
    forward returns: [N, out_features] float32 logits
With the default sizes the model has 4·8 + 8 + 8·3 + 3 = 67 parameters.

Rules: the parameters must be registered (model.parameters() finds all of
them) and the output must be differentiable with respect to them.

Example:
    >>> model = TinyMLP()
    >>> model(torch.zeros(2, 4)).shape
    torch.Size([2, 3])
    >>> sum(p.numel() for p in model.parameters())
    67
"""

import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features: int = 4, hidden: int = 8,
                 out_features: int = 3):
        raise NotImplementedError("TODO: super().__init__(), fc1, fc2")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("TODO: fc1, ReLU, fc2")
