"""One training epoch: reference solution."""

import torch
from torch import nn


def train_epoch(model: nn.Module, loader, loss_fn,
                opt: torch.optim.Optimizer) -> float:
    model.train()               # dropout and batch norm in training mode
    total, count = 0.0, 0
    for x, y in loader:
        opt.zero_grad()         # gradients add up in .grad otherwise
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        # loss is the batch mean: weight it by the batch size, since the
        # last batch may be smaller. .item() keeps no graph alive.
        total += loss.item() * len(x)
        count += len(x)
    return total / count
