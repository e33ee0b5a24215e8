# expect: only right for slopes up to 1
# expect-zh: 只在斜率不超过 1 时才对
import torch


def leaky_relu(x, slope=0.01):
    return torch.maximum(x, slope * x)


def leaky_relu_grad(x, slope=0.01):
    return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, slope))
