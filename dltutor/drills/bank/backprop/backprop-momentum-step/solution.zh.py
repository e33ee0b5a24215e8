"""带动量的 SGD 走一步：参考答案。"""

import torch


def momentum_step(p: torch.Tensor, g: torch.Tensor, v: torch.Tensor,
                  lr: float, mu: float) -> tuple[torch.Tensor, torch.Tensor]:
    # 速度：旧速度按 mu 衰减，再加上新的梯度。
    # PyTorch 不把 lr 放进 v，所以学习率调度会立刻生效。
    v = mu * v + g
    # 沿“新”速度走一步。
    p = p - lr * v
    return p, v
