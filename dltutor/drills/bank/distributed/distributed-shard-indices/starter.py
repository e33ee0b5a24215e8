"""Sharding the data (数据分片) as torch's DistributedSampler does.

Task: write shard_indices(n, world_size, rank, epoch, seed) that returns
the indices of the examples rank `rank` trains on in `epoch`, in order,
exactly as DistributedSampler(dataset, num_replicas=world_size,
rank=rank, shuffle=True, seed=seed, drop_last=False) after
sampler.set_epoch(epoch):

    1. shuffle range(n) with torch.randperm(n, generator=g), where g is a
       torch.Generator seeded with seed + epoch (the same on every rank);
    2. pad the shuffled list by repeating it from its start until its
       length is a multiple of world_size;
    3. give rank r every world_size-th index, starting at index r.

Shapes and types:
    n, world_size, rank, epoch, seed: ints (n >= 1, 0 <= rank < world_size)
    returns: a list of ints, ceil(n / world_size) long

Rules: do not use torch.utils.data.DistributedSampler.

Example (5 examples, 2 ranks: rank 0 gets 3, rank 1 gets 3 with padding):
    >>> len(shard_indices(5, 2, 0, epoch=0, seed=0))
    3
    >>> a = shard_indices(5, 2, 0, 0, 0)
    >>> b = shard_indices(5, 2, 1, 0, 0)
    >>> sorted(set(a + b))
    [0, 1, 2, 3, 4]
"""

import torch


def shard_indices(n: int, world_size: int, rank: int, epoch: int,
                  seed: int) -> list[int]:
    raise NotImplementedError("TODO: shuffle, pad, then deal out")
