# expect: a score of 0 is not hidden
import torch


def causal_weights(scores):
    return torch.softmax(torch.tril(scores), dim=-1)
