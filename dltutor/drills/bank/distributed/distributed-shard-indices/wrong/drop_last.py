# expect: drops the last n % world_size examples
import torch
def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator(); g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    order = order[: n - n % world_size]
    return order[rank::world_size]
