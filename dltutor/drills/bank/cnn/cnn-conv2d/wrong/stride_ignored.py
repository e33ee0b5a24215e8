# expect: move the window by the stride
# expect-zh: 窗口要按步幅移动
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias, stride=1, padding=0):
    o, c, k, _ = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    _, h, w = xp.shape
    h_out, w_out = (h - k) // stride + 1, (w - k) // stride + 1
    out = x.new_zeros(o, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, i:i + k, j:j + k]
            out[:, i, j] = (weight * patch).sum(dim=(1, 2, 3)) + bias
    return out
