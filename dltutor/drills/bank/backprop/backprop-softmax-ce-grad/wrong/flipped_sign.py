# expect: p − onehot
# expect-zh: onehot − p 指向上坡
import torch
import torch.nn.functional as F


def softmax_ce_grad(logits, targets):
    onehot = F.one_hot(targets, logits.shape[1]).to(logits.dtype)
    return (onehot - torch.softmax(logits, dim=1)) / len(targets)
