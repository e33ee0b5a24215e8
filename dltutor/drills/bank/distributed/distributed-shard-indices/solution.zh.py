"""distributed-shard-indices 的参考答案。"""

import math

import torch


def shard_indices(n: int, world_size: int, rank: int, epoch: int,
                  seed: int) -> list[int]:
    # 1. 所有进程共用一次打乱：每个进程的生成器种子都相同；
    #    因为轮数是种子的一部分，所以每一轮的顺序都不同。
    g = torch.Generator()
    g.manual_seed(seed + epoch)
    order = torch.randperm(n, generator=g).tolist()
    # 2. 从头开始重复，把列表补齐，让每个进程分到的样本一样多
    #    （各进程必须步调一致）。
    total = math.ceil(n / world_size) * world_size
    while len(order) < total:
        order += order[:total - len(order)]
    # 3. 像发牌一样：进程 r 从 r 开始，每隔 world_size 个取一个下标。
    return order[rank:total:world_size]
