# expect: a score of 0 is not hidden
# expect-zh: 分数为 0 并没有藏起来
import torch


def causal_weights(scores):
    return torch.softmax(torch.tril(scores), dim=-1)
