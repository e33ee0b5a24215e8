"""感知机学习规则（perceptron learning rule）的一步：参考答案。"""

import torch


def update(w: torch.Tensor, b: float, x_i: torch.Tensor, y_i: int,
           lr: float) -> tuple[torch.Tensor, float]:
    # 当前的预测，用阶跃函数算（在 z = 0 处也输出 1）。
    y = 1.0 if float(x_i @ w + b) >= 0 else 0.0
    # 误差是 +1、0 或 -1；预测正确时什么都不动。
    error = y_i - y
    # 返回新张量，不做原地更新：调用者手里的 w 保持不变。
    # 偏置就是一个恒为 +1 的输入 x0 的权重。
    return w + lr * error * x_i, b + lr * error
