# expect: one norm for all gradients together
# expect-zh: 所有梯度共用一个范数
import torch


def clip_grad_norm(grads, max_norm):
    norms = []
    for g in grads:
        norm = g.norm()
        if norm > max_norm:
            g.mul_(max_norm / (norm + 1e-6))
        norms.append(norm)
    return torch.stack(norms).max()
