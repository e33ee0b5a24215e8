# expect: every rank must shuffle the same way
# expect-zh: 每个进程都必须用同样的方式打乱
import math, torch
def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator(); g.manual_seed(seed + epoch + rank)
    order = torch.randperm(n, generator=g).tolist()
    total = math.ceil(n / world_size) * world_size
    order += order[: total - n]
    return order[rank::world_size]
