"""感知机（perceptron）的预测：参考答案。"""

import torch


def predict(x: torch.Tensor, w: torch.Tensor, b: float) -> torch.Tensor:
    # [N, D] @ [D] -> [N]：一次算出每个样本的加权和。
    z = x @ w + b
    # 阶跃函数在 z = 0 处也输出 1，所以用 >= 比较。
    # 比较的结果是布尔值；.to(x.dtype) 把它们变成 0.0 / 1.0。
    return (z >= 0).to(x.dtype)
