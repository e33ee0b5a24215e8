# expect: before clipping
# expect-zh: 裁剪之前测得的总范数
import torch


def clip_grad_norm(grads, max_norm):
    total = torch.sqrt(sum(g.pow(2).sum() for g in grads))
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for g in grads:
            g.mul_(coef)
    return torch.sqrt(sum(g.pow(2).sum() for g in grads))
