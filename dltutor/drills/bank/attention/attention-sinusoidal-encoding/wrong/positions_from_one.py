# expect: positions start at t = 0
# expect-zh: 位置从 t = 0 开始
import torch


def sinusoidal_encoding(length, d):
    t = torch.arange(1, length + 1)[:, None]
    freq = 10000 ** (-torch.arange(0, d, 2) / d)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(t * freq)
    pe[:, 1::2] = torch.cos(t * freq)
    return pe
