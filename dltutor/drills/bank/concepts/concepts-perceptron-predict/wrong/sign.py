# expect: not −1
# expect-zh: 而不是 torch.sign
import torch


def predict(x, w, b):
    return torch.sign(x @ w + b)
