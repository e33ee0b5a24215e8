"""正确地评估一个分类器的准确率（accuracy）。

任务：编写 evaluate(model, x, y) -> accuracy。

    一个样本的预测 = 它最大 logit 的下标
    accuracy = （预测正确的个数）/ N

参数：
    model: 一个把 x [N, D] 映射为 logits [N, C] 的 nn.Module；它可能
           含有暂退法（dropout），拿到手时可能处于训练模式
    x: [N, D] 浮点张量；  y: [N] int64 张量，真实类别
返回：0 到 1 之间的一个 Python float

规则：模型必须在评估模式下运行（model.eval()），而且不能建立自动微分的
计算图（torch.no_grad()）。不要修改 x 或 y。

例子（一个总是预测类别 0 的模型）：
    >>> model = nn.Linear(2, 2)
    >>> with torch.no_grad():
    ...     _ = model.weight.zero_(), model.bias.copy_(torch.tensor([1., 0.]))
    >>> evaluate(model, torch.randn(4, 2), torch.tensor([0, 0, 1, 0]))
    0.75
"""

import torch
from torch import nn


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    raise NotImplementedError("TODO：评估模式、no_grad、argmax，再取平均")
