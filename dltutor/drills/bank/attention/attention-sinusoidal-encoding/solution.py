"""Sinusoidal positional encoding: reference solution."""

import torch


def sinusoidal_encoding(length: int, d: int) -> torch.Tensor:
    t = torch.arange(length, dtype=torch.float32)[:, None]     # [length, 1]
    two_i = torch.arange(0, d, 2, dtype=torch.float32)         # 0, 2, 4, …
    freq = 10000.0 ** (-two_i / d)                             # [d/2]
    angle = t * freq                                           # [length, d/2]
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angle)   # even columns: sine
    pe[:, 1::2] = torch.cos(angle)   # odd columns: cosine of the same angle
    return pe
