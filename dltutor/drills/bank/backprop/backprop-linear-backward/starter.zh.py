"""手推线性层的反向传播（backpropagation）。

前向传播是 y = x wᵀ + b。已知损失对 y 的梯度 grad_out = ∂L/∂y，
返回损失对这一层的输入和参数的梯度：

    grad_x = ∂L/∂x,   grad_w = ∂L/∂w,   grad_b = ∂L/∂b

形状（同一 dtype 的浮点张量）：
    x:        [N, D]  这一层的输入，N 个样本
    w:        [O, D]  权重，每个输出一行（和 nn.Linear 一样）
    grad_out: [N, O]  ∂L/∂y
    返回 (grad_x [N, D], grad_w [O, D], grad_b [O])

规则：用链式法则推导；不要用自动微分（不要 .backward()，
不要 torch.autograd）。不要修改输入。

例子（N = 1，D = 2，O = 1）：
    >>> x = torch.tensor([[1., 2.]]); w = torch.tensor([[3., 4.]])
    >>> linear_backward(x, w, torch.tensor([[0.5]]))
    (tensor([[1.5000, 2.0000]]), tensor([[0.5000, 1.0000]]), tensor([0.5000]))
"""

import torch


def linear_backward(x: torch.Tensor, w: torch.Tensor, grad_out: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：grad_x、grad_w、grad_b")
