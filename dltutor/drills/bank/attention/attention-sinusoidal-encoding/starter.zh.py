"""Vaswani 等人（2017）的正弦位置编码（positional encoding）。

任务：编写 sinusoidal_encoding(length, d) -> pe。

    pe[t, 2i]     = sin(t / 10000^(2i/d))
    pe[t, 2i + 1] = cos(t / 10000^(2i/d))

其中位置 t = 0 … length − 1，列对 i = 0 … d/2 − 1。

形状：length ≥ 1，d 为偶数且 d ≥ 2（都是 Python int）；返回 float32
张量 [length, d]。

规则：没有禁止的函数。用 torch 构造（不需要 Python 循环）。

例子（d = 4：第二对列的角度是 t / 100）：
    >>> sinusoidal_encoding(2, 4)
    tensor([[0.0000, 1.0000, 0.0000, 1.0000],
            [0.8415, 0.5403, 0.0100, 0.9999]])
"""

import torch


def sinusoidal_encoding(length: int, d: int) -> torch.Tensor:
    raise NotImplementedError("TODO：偶数列放正弦，奇数列放余弦")
