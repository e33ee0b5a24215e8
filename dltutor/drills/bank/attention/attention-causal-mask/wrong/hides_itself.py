# expect: a token may attend to itself
# expect-zh: 词元可以关注它自己
import torch


def causal_weights(scores):
    n = scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=0)
    return torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
