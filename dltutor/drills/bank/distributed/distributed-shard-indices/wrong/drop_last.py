# expect: drops the last n % world_size examples
# expect-zh: 这样会丢掉最后 n % world_size 个样本
import torch
def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator(); g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    order = order[: n - n % world_size]
    return order[rank::world_size]
