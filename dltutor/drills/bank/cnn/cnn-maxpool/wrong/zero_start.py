# expect: whole window is negative
# expect-zh: 整个窗口都是负数
import torch


def max_pool2d(x, k, s=None):
    s = k if s is None else s
    c, h, w = x.shape
    h_out, w_out = (h - k) // s + 1, (w - k) // s + 1
    out = torch.zeros(c, h_out, w_out, dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            for u in range(k):
                for v in range(k):
                    out[:, i, j] = torch.maximum(out[:, i, j], x[:, i * s + u, j * s + v])
    return out
