"""Averaging gradients over ranks (全归约 all-reduce), as DDP does.

Task: write average_gradients(rank_grads). rank_grads[r][k] is the
gradient of parameter k computed on rank r (from that rank's own
mini-batch). Return what every rank holds after DDP's all-reduce: for
each rank, the list of gradients averaged over all ranks.

    mean[k] = (rank_grads[0][k] + … + rank_grads[W-1][k]) / W

Shapes and types:
    rank_grads: a list of W lists (W = world size >= 1), each holding the
        same number of tensors with the same shapes and dtype
    returns: a list of W lists of tensors; every rank's list holds the
        same values, with the shapes and dtype of the inputs

Rules: do not change the input tensors.

Example (2 ranks, one weight each):
    >>> out = average_gradients([[torch.tensor([0.6])],
    ...                          [torch.tensor([-0.2])]])
    >>> out[0][0], out[1][0]
    (tensor([0.2000]), tensor([0.2000]))
"""

import torch


def average_gradients(
        rank_grads: list[list[torch.Tensor]]) -> list[list[torch.Tensor]]:
    raise NotImplementedError("TODO: sum over ranks, divide by W")
