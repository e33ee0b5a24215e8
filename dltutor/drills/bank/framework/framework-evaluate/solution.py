"""Evaluate accuracy: reference solution."""

import torch
from torch import nn


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()                # dropout off, batch norm uses running stats
    with torch.no_grad():       # no graph: nothing will call backward here
        pred = model(x).argmax(dim=1)   # the largest logit of each sample
    # Booleans -> 0./1., their mean is the fraction correct; .item() -> float
    return (pred == y).float().mean().item()
