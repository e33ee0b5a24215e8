# expect: interleave the two
# expect-zh: 两者要交错排列
import torch


def sinusoidal_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)[:, None]
    angle = t * 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
    return torch.cat([torch.sin(angle), torch.cos(angle)], dim=1)
