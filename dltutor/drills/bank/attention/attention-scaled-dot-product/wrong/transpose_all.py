# expect: transpose only the last two dimensions
# expect-zh: 只转置最后两个维度
import math

import torch


def attention(q, k, v):
    d = q.shape[-1]
    weights = torch.softmax(q @ k.T / math.sqrt(d), dim=-1)
    return weights @ v, weights
