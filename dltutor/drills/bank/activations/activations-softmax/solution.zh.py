"""Softmax（归一化指数函数）：参考答案。"""

import torch


def softmax(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # 减去一个常数不改变 softmax（e^c 会约掉）；减去每一片的最大值后，
    # 每个指数都 <= 0：不会溢出。
    # keepdim=True 保留被归约的维度（大小为 1），以便广播。
    shifted = z - z.max(dim=dim, keepdim=True).values
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)
