"""Sigmoid（S 型函数）及其导数：对任何输入都有限且精确。

任务：编写两个函数，逐元素计算：

    sigmoid(x)      = σ(x)  = 1 / (1 + e⁻ˣ)
    sigmoid_grad(x) = σ′(x) = dσ/dx = σ(x) · (1 − σ(x))

形状和类型：
    x: 任意形状的浮点张量（float32 或 float64）
    返回：与 x 形状和 dtype 都相同的张量

规则：
- 对 −1000 到 1000 之间的每个 x，结果都必须有限且精确（约 4 位有效
  数字）。很大或很小的输入不能得到 NaN 或 inf；dtype 能表示的极小结果
  也不能被舍入成 0（σ′(30) ≈ 9.4·10⁻¹⁴，float32 放得下）。
- 不要调用 torch.sigmoid、torch.special.expit 或 F.sigmoid：自己写。
- 不要修改 x。

例子：
    >>> sigmoid(torch.tensor([0., 2., -1000.]))
    tensor([0.5000, 0.8808, 0.0000])
    >>> sigmoid_grad(torch.tensor([0.]))
    tensor([0.2500])
"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：σ(x)，|x| 很大时也要数值稳定")


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：σ′(x) = σ(x)·(1 − σ(x))")
