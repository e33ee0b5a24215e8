# expect: the dim argument
# expect-zh: 要用参数 dim
import torch


def softmax(z, dim=-1):
    e = torch.exp(z - z.max(dim=-1, keepdim=True).values)
    return e / e.sum(dim=-1, keepdim=True)
