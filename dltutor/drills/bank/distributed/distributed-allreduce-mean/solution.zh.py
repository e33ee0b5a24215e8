"""distributed-allreduce-mean 的参考答案。"""

import torch


def average_gradients(
        rank_grads: list[list[torch.Tensor]]) -> list[list[torch.Tensor]]:
    world_size = len(rank_grads)
    # 把每个参数的梯度在各进程上求和（这正是全规约做的事），再除以
    # 进程数：几个同样大小的批量各自的平均梯度，再取平均，
    # 就等于把它们合成一个批量后的平均梯度。
    means = [torch.stack([grads[k] for grads in rank_grads]).sum(0)
             / world_size
             for k in range(len(rank_grads[0]))]
    # 每个进程都收到同样的结果。
    return [[m.clone() for m in means] for _ in range(world_size)]
