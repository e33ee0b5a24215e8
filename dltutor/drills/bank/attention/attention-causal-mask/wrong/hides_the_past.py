# expect: you hid the past
# expect-zh: 你藏起来的是过去
import torch


def causal_weights(scores):
    n = scores.shape[-1]
    past = torch.tril(torch.ones(n, n, dtype=torch.bool), diagonal=-1)
    return torch.softmax(scores.masked_fill(past, float("-inf")), dim=-1)
