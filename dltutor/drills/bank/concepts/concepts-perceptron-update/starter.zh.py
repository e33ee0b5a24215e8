"""感知机学习规则（perceptron learning rule）的一步。

任务：编写 update(w, b, x_i, y_i, lr)。它只看一个样本 x_i（标签为
y_i），先用当前权重做预测，再返回新的权重：

    若 w · x_i + b >= 0 则 y = 1，否则 y = 0    当前的预测
    w_new = w + lr · (y_i − y) · x_i
    b_new = b + lr · (y_i − y)

形状和类型：
    w:   [D] 浮点张量，权重
    b:   float，偏置
    x_i: [D] 浮点张量，一个样本
    y_i: int，它的标签，0 或 1
    lr:  float > 0，学习率 η
    返回 (w_new, b_new)：一个 [D] 张量（dtype 与 w 相同）和一个数
        （Python float 或 0 维张量）

规则：返回新的值；不要原地修改 w 或 x_i。

例子：w = (0, 0)，b = 0 时，对任何 x 都预测 1（z = 0 >= 0）。
对标签为 0 的 x_i = (1, 2)，lr = 0.5，误差是 0 − 1 = −1：
    >>> update(torch.zeros(2), 0.0, torch.tensor([1., 2.]), 0, 0.5)
    (tensor([-0.5000, -1.0000]), -0.5)
"""

import torch


def update(w: torch.Tensor, b: float, x_i: torch.Tensor, y_i: int,
           lr: float) -> tuple[torch.Tensor, float]:
    raise NotImplementedError("TODO：先预测，再应用学习规则")
