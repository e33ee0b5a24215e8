"""缩放点积注意力：参考答案。"""

import torch


def attention(q: torch.Tensor, k: torch.Tensor,
              v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    d = q.shape[-1]
    # 用 transpose(-2, -1) 而不是 .T：只交换最后两个维度，
    # 前面的批量维度都留在原位。
    scores = q @ k.transpose(-2, -1) / d**0.5     # [..., n, m]
    weights = torch.softmax(scores, dim=-1)       # 每个查询的那一行和为 1
    return weights @ v, weights
