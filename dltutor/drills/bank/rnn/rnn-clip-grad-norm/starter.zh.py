"""按总范数做梯度裁剪（gradient clipping），和 clip_grad_norm_ 一样。

任务：编写 clip_grad_norm(grads, max_norm)。它对参数的梯度做的事和
torch.nn.utils.clip_grad_norm_ 相同：

    total_norm = √(所有张量的所有元素的 g² 之和)
    coef = max_norm / (total_norm + 1e-6)
    若 coef < 1：把每个梯度原地乘以 coef
    返回 total_norm（裁剪之前测得的值）

形状和类型：
    grads: 任意形状的浮点张量组成的列表（每个参数的 .grad）；
        它们会被原地修改
    max_norm: float > 0
    返回 total_norm：一个 float，或一个 0 维张量

规则：不要调用 torch.nn.utils.clip_grad_norm_（或它的辅助函数）。
整个梯度的方向必须保持不变。

例子（一个梯度 (3, 4)，它的范数是 5）：
    >>> g = torch.tensor([3., 4.])
    >>> float(clip_grad_norm([g], max_norm=1.0))
    5.0
    >>> g
    tensor([0.6000, 0.8000])
"""

import torch


def clip_grad_norm(grads: list[torch.Tensor],
                   max_norm: float) -> torch.Tensor:
    raise NotImplementedError("TODO：先算总范数，再原地缩放")
