# expect: the default stride is the kernel size
# expect-zh: 默认步幅等于窗口大小
import torch


def max_pool2d(x, k, s=None):
    s = 1 if s is None else s
    c, h, w = x.shape
    h_out, w_out = (h - k) // s + 1, (w - k) // s + 1
    out = x.new_empty(c, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j] = x[:, i * s:i * s + k, j * s:j * s + k].amax(dim=(1, 2))
    return out
