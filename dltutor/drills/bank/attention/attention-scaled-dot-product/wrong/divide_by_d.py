# expect: divide by √d, not by d
# expect-zh: 要除以 √d，而不是 d
import torch


def attention(q, k, v):
    weights = torch.softmax(q @ k.transpose(-2, -1) / q.shape[-1], dim=-1)
    return weights @ v, weights
