# expect: the exponent is 2i/d
# expect-zh: 指数是 2i/d
import torch


def sinusoidal_encoding(length, d):
    t = torch.arange(length, dtype=torch.float32)[:, None]
    i = torch.arange(d // 2, dtype=torch.float32)
    angle = t * 10000.0 ** (-i / d)
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe
