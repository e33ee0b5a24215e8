"""像 DDP 那样对各进程的梯度求平均（全规约，all-reduce）。

任务：编写 average_gradients(rank_grads)。rank_grads[r][k] 是进程（rank）
r 上算出的参数 k 的梯度（来自该进程自己的小批量）。返回 DDP 做完全规约后
每个进程手里的东西：对每个进程，给出在所有进程上取平均后的梯度列表。

    mean[k] = (rank_grads[0][k] + … + rank_grads[W-1][k]) / W

形状和类型：
    rank_grads: 由 W 个列表组成的列表（W = 进程总数 >= 1），每个列表里
        张量的个数、形状和 dtype 都相同
    返回：由 W 个张量列表组成的列表；每个进程的列表里的值都相同，形状和
        dtype 与输入一致

规则：不要修改输入的张量。

例子（2 个进程，每个只有一个权重）：
    >>> out = average_gradients([[torch.tensor([0.6])],
    ...                          [torch.tensor([-0.2])]])
    >>> out[0][0], out[1][0]
    (tensor([0.2000]), tensor([0.2000]))
"""

import torch


def average_gradients(
        rank_grads: list[list[torch.Tensor]]) -> list[list[torch.Tensor]]:
    raise NotImplementedError("TODO：对所有进程求和，再除以 W")
