"""手写最大汇聚（max pooling，也常称最大池化）。

任务：编写 max_pool2d(x, k, s)，对一张图像（没有批量维度）给出和
F.max_pool2d(x, kernel_size=k, stride=s) 相同的结果：每个 k×k 窗口
（每次移动 s 个像素）变成它的最大值。

    out[c, i, j] = x[c, i·s + u, j·s + v] 在 u, v < k 上的最大值

形状和类型：
    x: [C, H, W] 浮点张量；k: 窗口大小（int ≥ 1）
    s: 步幅（int ≥ 1）；None 表示 s = k，和 PyTorch 一样
    返回：[C, H_out, W_out]，dtype 与 x 相同，其中
        H_out = ⌊(H − k)/s⌋ + 1（放不下的窗口会被舍弃）

规则：不要调用 F.max_pool2d、nn.MaxPool2d 或它们的同类函数。可以对输出
位置写循环（输入都很小）。不要修改 x。

例子：
    >>> x = torch.tensor([[[1., 2., 5., 0.],
    ...                    [3., 4., 1., 1.],
    ...                    [0., 0., -1., -2.],
    ...                    [7., 0., -3., -4.]]])
    >>> max_pool2d(x, 2)
    tensor([[[ 4.,  5.],
             [ 7., -1.]]])
"""

import torch


def max_pool2d(x: torch.Tensor, k: int, s: int | None = None
               ) -> torch.Tensor:
    raise NotImplementedError("TODO：每个 k×k 窗口的最大值")
