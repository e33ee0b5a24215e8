"""训练一轮（epoch）：参考答案。"""

import torch
from torch import nn


def train_epoch(model: nn.Module, loader, loss_fn,
                opt: torch.optim.Optimizer) -> float:
    model.train()               # 暂退法和批量规范化进入训练模式
    total, count = 0.0, 0
    for x, y in loader:
        opt.zero_grad()         # 否则梯度会在 .grad 里不断累加
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        # loss 是批量内的平均：要乘以批量大小作为权重，因为最后一个
        # 批量可能更小。.item() 不会让计算图继续占着内存。
        total += loss.item() * len(x)
        count += len(x)
    return total / count
