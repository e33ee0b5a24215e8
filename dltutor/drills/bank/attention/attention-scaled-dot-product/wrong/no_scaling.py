# expect: divide the scores by √d
# expect-zh: 要把分数除以 √d
import torch


def attention(q, k, v):
    weights = torch.softmax(q @ k.transpose(-2, -1), dim=-1)
    return weights @ v, weights
