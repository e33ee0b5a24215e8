"""正弦位置编码：参考答案。"""

import torch


def sinusoidal_encoding(length: int, d: int) -> torch.Tensor:
    t = torch.arange(length, dtype=torch.float32)[:, None]     # [length, 1]
    two_i = torch.arange(0, d, 2, dtype=torch.float32)         # 0, 2, 4, …
    freq = 10000.0 ** (-two_i / d)                             # [d/2]
    angle = t * freq                                           # [length, d/2]
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angle)   # 偶数列：正弦
    pe[:, 1::2] = torch.cos(angle)   # 奇数列：同一角度的余弦
    return pe
