"""Leaky ReLU（带泄漏的 ReLU）及其导数：参考答案。"""

import torch


def leaky_relu(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    # torch.where 生成一个新张量：调用者的 x 不会被改动。
    return torch.where(x > 0, x, slope * x)


def leaky_relu_grad(x: torch.Tensor, slope: float = 0.01) -> torch.Tensor:
    # ones_like / full_like 沿用 x 的形状和 dtype。在 x = 0 处，我们和
    # PyTorch 的自动求导一样取 slope（那里 x > 0 为 False）。
    return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, slope))
