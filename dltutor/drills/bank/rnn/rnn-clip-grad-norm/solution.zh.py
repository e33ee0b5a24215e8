"""按总范数做梯度裁剪：参考答案。"""

import torch


def clip_grad_norm(grads: list[torch.Tensor],
                   max_norm: float) -> torch.Tensor:
    # 对所有梯度的所有元素只算一个范数：把整个梯度看成一个向量时
    # 它的长度。
    total_norm = torch.sqrt(sum(g.pow(2).sum() for g in grads))
    # 加上 1e-6，梯度全为零时除法也安全。
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1:                 # 只缩小，从不放大
        for g in grads:
            g.mul_(coef)         # 原地修改：param.grad 本身随之改变
    return total_norm
