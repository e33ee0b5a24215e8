"""线性层的反向传播：参考答案。"""

import torch


def linear_backward(x: torch.Tensor, w: torch.Tensor, grad_out: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # 每个梯度的形状都和它的变量相同；乘法的顺序由此而定。
    grad_x = grad_out @ w          # [N, O] @ [O, D] -> [N, D]
    grad_w = grad_out.T @ x        # [O, N] @ [N, D] -> [O, D]
    # b 加到了每个样本的输出上：沿批量求和（不是求平均）。
    # 如果损失取平均，1/N 已经包含在 grad_out 里了。
    grad_b = grad_out.sum(dim=0)   # [O]
    return grad_x, grad_w, grad_b
