# expect: at x = 0
# expect-zh: 在 x = 0 处要用斜率
import torch


def leaky_relu(x, slope=0.01):
    return torch.where(x > 0, x, slope * x)


def leaky_relu_grad(x, slope=0.01):
    return torch.where(x >= 0, torch.ones_like(x), torch.full_like(x, slope))
