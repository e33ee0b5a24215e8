"""One training epoch (训练轮次) in PyTorch.

Task: write train_epoch(model, loader, loss_fn, opt) -> mean_loss. It makes
ONE pass over the loader: for every batch (x, y), one training step
(clear the gradients, forward, loss, backward, optimizer step).

Arguments:
    model:   an nn.Module (it may contain dropout; it may be in eval mode
             when you get it)
    loader:  an iterable of batches (x, y), e.g. a DataLoader; the last
             batch may be smaller than the others
    loss_fn: e.g. nn.CrossEntropyLoss(): the mean loss over a batch
    opt:     an optimizer over model.parameters()
Returns: a Python float, the mean loss per SAMPLE over the epoch:
    Σ over batches (batch loss × batch size) / number of samples

Rules: the model must be in training mode while it trains.

Example:
    >>> model = nn.Linear(2, 2)
    >>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> loader = [(torch.ones(4, 2), torch.zeros(4, dtype=torch.long))]
    >>> type(train_epoch(model, loader, nn.CrossEntropyLoss(), opt))
    <class 'float'>
"""

import torch
from torch import nn


def train_epoch(model: nn.Module, loader, loss_fn,
                opt: torch.optim.Optimizer) -> float:
    raise NotImplementedError("TODO: train mode, loop, mean per sample")
