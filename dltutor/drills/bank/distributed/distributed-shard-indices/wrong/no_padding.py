# expect: pad the shuffled list
# expect-zh: 把打乱后的列表补齐
import torch


def shard_indices(n, world_size, rank, epoch, seed):
    g = torch.Generator()
    g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    return order[rank::world_size]
