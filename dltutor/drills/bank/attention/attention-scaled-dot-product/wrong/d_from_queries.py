# expect: d is the size of each query and key
# expect-zh: d 是每个查询和键的大小
import torch


def attention(q, k, v):
    d = q.shape[0]
    weights = torch.softmax(q @ k.transpose(-2, -1) / d**0.5, dim=-1)
    return weights @ v, weights
