# expect: its own maximum
# expect-zh: 自己的最大值
import torch


def softmax(z, dim=-1):
    e = torch.exp(z - z.max())
    return e / e.sum(dim=dim, keepdim=True)
