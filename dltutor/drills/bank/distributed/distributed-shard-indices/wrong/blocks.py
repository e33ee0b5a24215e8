# expect: not in contiguous blocks
# expect-zh: 而不是分成连续的块
import math

import torch


def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator()
    g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    per = math.ceil(n / world_size)
    return order[rank * per:(rank + 1) * per]
