# expect: sine first
# expect-zh: 正弦在前
import torch


def sinusoidal_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)[:, None]
    angle = t * 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.cos(angle)
    pe[:, 1::2] = torch.sin(angle)
    return pe
