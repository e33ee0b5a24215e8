# expect: return output, weights (in that order)
# expect-zh: 按这个顺序返回
import torch


def attention(q, k, v):
    d = q.shape[-1]
    weights = torch.softmax(q @ k.transpose(-2, -1) / d**0.5, dim=-1)
    return weights, weights @ v
