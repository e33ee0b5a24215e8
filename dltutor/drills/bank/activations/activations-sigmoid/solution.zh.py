"""Sigmoid（S 型函数）及其导数：参考答案。"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # exp(-|x|) 落在 (0, 1] 之间：它永远不会溢出。
    e = torch.exp(-x.abs())
    # x >= 0 时：1 / (1 + e^-x)。x < 0 时：e^x / (1 + e^x)，值相同，
    # 只是换个写法，让式子里只出现 e^x = e。
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    # σ'(x) = σ(x)(1 - σ(x))，而 1 - σ(x) = σ(-x)。x 很大时，1 - σ(x)
    # 会被舍入成 0，σ(-x) 却保留了全部有效数字。
    return sigmoid(x) * sigmoid(-x)
