# expect: the mask must be True on the future
# expect-zh: 掩码必须在未来的位置为 True
import torch


def causal_weights(scores):
    n = scores.shape[-1]
    allowed = torch.tril(torch.ones(n, n, dtype=torch.bool))
    return torch.softmax(scores.masked_fill(allowed, float("-inf")), dim=-1)
