"""像 torch 的 DistributedSampler 那样给数据分片（data sharding）。

任务：编写 shard_indices(n, world_size, rank, epoch, seed)，按顺序返回
进程 `rank` 在第 `epoch` 轮要训练的样本下标，与调用
sampler.set_epoch(epoch) 之后的 DistributedSampler(dataset,
num_replicas=world_size, rank=rank, shuffle=True, seed=seed,
drop_last=False) 完全一致：

    1. 用 torch.randperm(n, generator=g) 打乱 range(n)，其中 g 是种子为
       seed + epoch 的 torch.Generator（在每个进程上都一样）；
    2. 从打乱后的列表开头重复，把它补齐到 world_size 的倍数；
    3. 进程 r 从下标 r 开始，每隔 world_size 个取一个。

形状和类型：
    n, world_size, rank, epoch, seed: int（n >= 1，0 <= rank < world_size）
    返回：一个 int 列表，长度为 ceil(n / world_size)

规则：不要用 torch.utils.data.DistributedSampler。

例子（5 个样本，2 个进程：进程 0 拿 3 个，进程 1 补齐后也拿 3 个）：
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
    raise NotImplementedError("TODO：打乱，补齐，再轮流分给各进程")
