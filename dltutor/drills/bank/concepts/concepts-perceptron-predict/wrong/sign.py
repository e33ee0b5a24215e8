# expect: not −1
import torch


def predict(x, w, b):
    return torch.sign(x @ w + b)
