# expect: in place
# expect-zh: 要原地裁剪
import torch


def clip_grad_norm(grads, max_norm):
    total = torch.sqrt(sum(g.pow(2).sum() for g in grads))
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for g in grads:
            g = g * coef
    return total
