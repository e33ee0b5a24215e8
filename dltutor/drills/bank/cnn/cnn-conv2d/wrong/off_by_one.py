# expect: one row and one column too few
# expect-zh: 少了一行和一列
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias, stride=1, padding=0):
    o, c, k, _ = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    _, h, w = xp.shape
    h_out, w_out = (h - k) // stride, (w - k) // stride
    out = x.new_zeros(o, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, i * stride:i * stride + k, j * stride:j * stride + k]
            out[:, i, j] = (weight * patch).sum(dim=(1, 2, 3)) + bias
    return out
