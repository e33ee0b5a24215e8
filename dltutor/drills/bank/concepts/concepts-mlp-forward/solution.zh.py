"""多层感知机（MLP）的前向传播：参考答案。"""

import torch


def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor) -> torch.Tensor:
    # [N, D] @ [D, H] -> [N, H]；b1 [H] 广播到 N 行中的每一行。
    h = torch.relu(x @ W1.T + b1)
    # 输出层不加激活函数：logits 就是原始分数。
    return h @ W2.T + b2
