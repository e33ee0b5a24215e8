# expect: changed x in place
# expect-zh: 原地修改了 x
import torch


def leaky_relu(x, slope=0.01):
    x[x < 0] *= slope
    return x


def leaky_relu_grad(x, slope=0.01):
    return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, slope))
