# expect: subtract the maximum first
# expect-zh: 请先减去最大值
import torch


def softmax(z, dim=-1):
    e = torch.exp(z)
    return e / e.sum(dim=dim, keepdim=True)
