# expect: subtract
# expect-zh: 减去最大值
import torch


def sigmoid(x):
    return torch.exp(x) / (1 + torch.exp(x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
