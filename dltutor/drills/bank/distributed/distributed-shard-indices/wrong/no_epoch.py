# expect: seed the generator with seed + epoch
# expect-zh: 用 seed + epoch 作为生成器的种子
import math

import torch


def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator()
    g.manual_seed(seed)
    order = torch.randperm(n, generator=g).tolist()
    total = math.ceil(n / world_size) * world_size
    while len(order) < total:
        order += order[:total - len(order)]
    return order[rank:total:world_size]
