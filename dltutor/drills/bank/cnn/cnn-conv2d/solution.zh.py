"""手写二维卷积：参考答案。"""

import torch
import torch.nn.functional as F


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
           stride: int = 1, padding: int = 0) -> torch.Tensor:
    o, c, k, _ = weight.shape
    # 四周补零：依次是最后两个维度的（左、右、上、下）。
    xp = F.pad(x, (padding, padding, padding, padding))
    _, h, w = xp.shape
    # 每次移动 `stride` 个像素，能放下多少个窗口。
    h_out = (h - k) // stride + 1
    w_out = (w - k) // stride + 1
    out = x.new_empty(o, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            top, left = i * stride, j * stride
            patch = xp[:, top:top + k, left:left + k]      # [C, K, K]
            # [O, C, K, K] * [C, K, K] 沿 O 个卷积核广播；
            # 对 C、K、K 求和，每个卷积核得到一个值。卷积核不翻转。
            out[:, i, j] = (weight * patch).sum(dim=(1, 2, 3)) + bias
    return out
