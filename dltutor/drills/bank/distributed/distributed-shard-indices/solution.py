"""Reference solution for distributed-shard-indices."""

import math

import torch


def shard_indices(n: int, world_size: int, rank: int, epoch: int,
                  seed: int) -> list[int]:
    # 1. One shuffle for everyone: the same generator seed on every rank,
    #    and a new order each epoch because the epoch is part of the seed.
    g = torch.Generator()
    g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    # 2. Pad by repeating from the start, so every rank gets as many
    #    examples as the others (the ranks must stay in step).
    total = math.ceil(n / world_size) * world_size
    while len(order) < total:
        order += order[:total - len(order)]
    # 3. Deal like cards: rank r takes every world_size-th index from r.
    return order[rank:total:world_size]
