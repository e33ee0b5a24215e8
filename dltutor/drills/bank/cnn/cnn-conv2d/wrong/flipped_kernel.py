# expect: do not flip the kernel
# expect-zh: 不要翻转卷积核
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias, stride=1, padding=0):
    weight = weight.flip(-1, -2)
    o, c, k, _ = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    _, h, w = xp.shape
    h_out, w_out = (h - k) // stride + 1, (w - k) // stride + 1
    out = x.new_zeros(o, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, i * stride:i * stride + k, j * stride:j * stride + k]
            out[:, i, j] = (weight * patch).sum(dim=(1, 2, 3)) + bias
    return out
