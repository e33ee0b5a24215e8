"""感知机（perceptron）的预测。

任务：编写 predict(x, w, b)，对 x 中的每个样本（每一行）返回感知机的
输出：

    z = w · x + b                      每个样本一个数
    若 z >= 0 则 y = 1，否则 y = 0      阶跃函数

形状和类型：
    x: [N, D] 浮点张量，每行一个样本，共 D 个特征
    w: [D] 浮点张量，每个特征一个权重
    b: float，偏置（b = −θ，即阈值取负）
    返回：[N] 张量，元素为 0.0 或 1.0，dtype 与 x 相同

规则：用张量运算，不需要 Python 循环。不要修改 x 或 w。

例子（逻辑与 AND：w = (1, 1)，b = −1.5）：
    >>> x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    >>> predict(x, torch.tensor([1., 1.]), -1.5)
    tensor([0., 0., 0., 1.])
"""

import torch


def predict(x: torch.Tensor, w: torch.Tensor, b: float) -> torch.Tensor:
    raise NotImplementedError("TODO：z = x @ w + b，再做阶跃")
