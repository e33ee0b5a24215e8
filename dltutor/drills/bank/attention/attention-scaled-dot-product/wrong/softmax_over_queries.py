# expect: the softmax runs along the keys (dim=-1)
# expect-zh: softmax 要沿键的方向做
import torch


def attention(q, k, v):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    weights = torch.softmax(scores, dim=-2)
    return weights @ v, weights
