"""手写一个二维卷积（convolution）。

任务：编写 conv2d(x, weight, bias, stride, padding)，对一张图像（没有批量
维度）给出和 F.conv2d(x, weight, bias, stride=stride, padding=padding)
相同的结果：

    out[o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v]
                             · xp[c, i·stride + u, j·stride + v]

其中 xp 是在 x 的四周各补 `padding` 行/列零之后的结果。和所有深度学习
框架一样，这是互相关：卷积核不翻转。

形状（同一 dtype 的浮点张量）：
    x:      [C, H, W]     C 个输入通道
    weight: [O, C, K, K]  O 个卷积核，每个都看全部 C 个通道
    bias:   [O]
    stride, padding: int（stride ≥ 1，padding ≥ 0）
    返回：[O, H_out, W_out]，其中 H_out = ⌊(H + 2P − K)/S⌋ + 1，
        W_out 同理

规则：不要调用 F.conv2d、torch.conv2d、nn.Conv2d 或
torch.nn.functional.convolution。可以对输出位置写循环（输入都很小）；
可以用 F.pad 和 F.unfold。

例子（一个通道，一个对窗口求和的 2×2 卷积核）：
    >>> x = torch.arange(9.).reshape(1, 3, 3)
    >>> conv2d(x, torch.ones(1, 1, 2, 2), torch.zeros(1))
    tensor([[[ 8., 12.],
             [20., 24.]]])
"""

import torch
import torch.nn.functional as F


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
           stride: int = 1, padding: int = 0) -> torch.Tensor:
    raise NotImplementedError("TODO：先填充，再滑动每个卷积核")
