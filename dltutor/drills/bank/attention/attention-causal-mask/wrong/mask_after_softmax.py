# expect: mask before the softmax
# expect-zh: 要在 softmax 之前做掩码
import torch


def causal_weights(scores):
    n = scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    return torch.softmax(scores, dim=-1).masked_fill(future, 0.0)
