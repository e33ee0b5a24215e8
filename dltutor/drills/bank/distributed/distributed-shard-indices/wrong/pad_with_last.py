# expect: only the padding differs
# expect-zh: 只有补齐的部分不同
import math, torch
def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator(); g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    total = math.ceil(n / world_size) * world_size
    order += [order[-1]] * (total - n)
    return order[rank::world_size]
