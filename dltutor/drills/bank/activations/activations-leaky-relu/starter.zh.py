"""Leaky ReLU（带泄漏的 ReLU）及其导数。

任务：编写两个函数，逐元素计算：

    leaky_relu(x, slope)      = x           若 x > 0
                                slope · x   否则
    leaky_relu_grad(x, slope) = 1           若 x > 0
                                slope       否则（x = 0 处也是，
                                            与 PyTorch 的自动微分一致）

形状和类型：
    x: 任意形状的浮点张量；slope: 一个浮点数（默认 0.01）
    返回：与 x 形状和 dtype 都相同的张量

规则：不要调用 F.leaky_relu 或 nn.LeakyReLU，也不要用自动微分。
不要修改 x（不要对它做原地操作）。要用参数 slope：传进来的可能是任何
斜率，也可能大于 1。

例子：
    >>> leaky_relu(torch.tensor([-2., 0., 3.]), slope=0.1)
    tensor([-0.2000,  0.0000,  3.0000])
    >>> leaky_relu_grad(torch.tensor([-2., 0., 3.]), slope=0.1)
    tensor([0.1000, 0.1000, 1.0000])
"""

import torch


def leaky_relu(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    raise NotImplementedError("TODO：x > 0 处取 x，否则取 slope * x")


def leaky_relu_grad(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    raise NotImplementedError("TODO：x > 0 处取 1，否则取 slope")
