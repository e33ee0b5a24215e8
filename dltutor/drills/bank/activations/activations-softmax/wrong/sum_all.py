# expect: sum along dim
# expect-zh: 只沿 dim 求和
import torch


def softmax(z, dim=-1):
    e = torch.exp(z - z.max(dim=dim, keepdim=True).values)
    return e / e.sum()
