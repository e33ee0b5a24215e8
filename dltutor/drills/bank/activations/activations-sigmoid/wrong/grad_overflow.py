# expect: overflow
# expect-zh: 上溢
import torch


def sigmoid(x):
    return 1 / (1 + torch.exp(-x))


def sigmoid_grad(x):
    e = torch.exp(-x)
    return e / (1 + e) ** 2
