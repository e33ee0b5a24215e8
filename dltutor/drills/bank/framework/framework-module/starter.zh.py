"""自己写一个 nn.Module：一个小小的多层感知机。

任务：编写类 TinyMLP(nn.Module)：

    TinyMLP(in_features=4, hidden=8, out_features=3)

它恰好有两层，作为属性保存，名字如下：

    self.fc1 = 从 in_features 到 hidden 的 Linear 层
    self.fc2 = 从 hidden 到 out_features 的 Linear 层

forward(x) 返回 fc2(ReLU(fc1(x)))：也就是 logits，最后不加激活函数
（不做 softmax）。

形状：
    x: [N, in_features] float32
    forward 返回：[N, out_features] 的 float32 logits
用默认大小时，模型有 4·8 + 8 + 8·3 + 3 = 67 个参数。

规则：参数必须被登记（model.parameters() 能找到全部参数），而且输出
必须对它们可微。

例子：
    >>> model = TinyMLP()
    >>> model(torch.zeros(2, 4)).shape
    torch.Size([2, 3])
    >>> sum(p.numel() for p in model.parameters())
    67
"""

import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features: int = 4, hidden: int = 8,
                 out_features: int = 3):
        raise NotImplementedError("TODO：super().__init__()，再建 fc1、fc2")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("TODO：fc1，ReLU，fc2")
