"""因果注意力权重：参考答案。"""

import torch


def causal_weights(scores: torch.Tensor) -> torch.Tensor:
    n = scores.shape[-1]
    # 对角线以上为 True：键 j 位于查询 i 的未来（j > i）。
    future = torch.triu(torch.ones(n, n, dtype=torch.bool,
                                   device=scores.device), diagonal=1)
    # 掩码加在分数上，而不是权重上：e^(-inf) = 0，每行的和仍然是 1。
    hidden = scores.masked_fill(future, float("-inf"))
    return torch.softmax(hidden, dim=-1)
