"""在 PyTorch 中训练一轮（epoch）。

任务：编写 train_epoch(model, loader, loss_fn, opt) -> mean_loss。它把
loader 完整地过一遍：对每个批量 (x, y) 做一次训练步（清除梯度、前向
传播、算损失、反向传播、优化器走一步）。

参数：
    model:   一个 nn.Module（可能含有暂退法；拿到手时可能处于评估
             模式）
    loader:  由批量 (x, y) 组成的可迭代对象，例如 DataLoader；最后一个
             批量可能比其他的小
    loss_fn: 例如 nn.CrossEntropyLoss()：一个批量上的平均损失
    opt:     管理 model.parameters() 的优化器
返回：一个 Python float，这一轮中每个样本的平均损失：
    Σ（批量损失 × 批量大小）/ 样本总数

规则：训练时模型必须处于训练模式。

例子：
    >>> model = nn.Linear(2, 2)
    >>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> loader = [(torch.ones(4, 2), torch.zeros(4, dtype=torch.long))]
    >>> type(train_epoch(model, loader, nn.CrossEntropyLoss(), opt))
    <class 'float'>
"""

import torch
from torch import nn


def train_epoch(model: nn.Module, loader, loss_fn,
                opt: torch.optim.Optimizer) -> float:
    raise NotImplementedError("TODO：训练模式，循环，按样本取平均")
