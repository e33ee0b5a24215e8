# expect: use the slope argument
# expect-zh: 要用参数 slope
import torch


def leaky_relu(x, slope=0.01):
    return torch.where(x > 0, x, 0.01 * x)


def leaky_relu_grad(x, slope=0.01):
    return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, 0.01))
