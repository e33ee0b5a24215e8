"""评估准确率：参考答案。"""

import torch
from torch import nn


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()                # 关掉暂退法；批量规范化改用训练时累计的统计量
    with torch.no_grad():       # 不建计算图：这里不会调用 backward
        pred = model(x).argmax(dim=1)   # 每个样本最大的那个 logit
    # 布尔值 -> 0./1.，其均值就是预测正确的比例；.item() -> float
    return (pred == y).float().mean().item()
