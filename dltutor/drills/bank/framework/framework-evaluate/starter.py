"""Evaluate a classifier's accuracy (准确率), the right way.

Task: write evaluate(model, x, y) -> accuracy.

    prediction of a sample = the index of its largest logit
    accuracy = (number of correct predictions) / N

Arguments:
    model: an nn.Module mapping x [N, D] to logits [N, C]; it may contain
           dropout and may be in training mode when you get it
    x: [N, D] float tensor;  y: [N] int64 tensor of true classes
Returns: a Python float between 0 and 1

Rules: the model must run in evaluation mode (model.eval()) and without
building an autograd graph (torch.no_grad()). Do not change x or y.

Example (a model that always predicts class 0):
    >>> model = nn.Linear(2, 2)
    >>> with torch.no_grad():
    ...     _ = model.weight.zero_(), model.bias.copy_(torch.tensor([1., 0.]))
    >>> evaluate(model, torch.randn(4, 2), torch.tensor([0, 0, 1, 0]))
    0.75
"""

import torch
from torch import nn


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    raise NotImplementedError("TODO: eval mode, no_grad, argmax, mean")
