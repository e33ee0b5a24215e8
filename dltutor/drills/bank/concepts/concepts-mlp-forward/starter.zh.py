"""多层感知机（multilayer perceptron，MLP）的前向传播。

任务：编写 forward(x, W1, b1, W2, b2)。网络有一个隐藏层，含 H 个单元，
用 ReLU 激活；输出层有 C 个单元，不加激活函数（输出 logits）：

    h      = ReLU(x W1ᵀ + b1)        隐藏层激活，[N, H]
    logits = h W2ᵀ + b2              原始分数，[N, C]

形状（都是同一 dtype 的浮点张量）：
    x:  [N, D]   N 个样本，每个 D 个特征
    W1: [H, D]   每个隐藏单元一行（PyTorch 中 nn.Linear 的约定）
    b1: [H]
    W2: [C, H]   每个输出单元一行
    b2: [C]
    返回 logits：[N, C]，dtype 与 x 相同

规则：ReLU(z) = max(z, 0)，逐元素计算。输出层不加激活函数。

例子（D = 2，H = 2，C = 1）：
    >>> x = torch.tensor([[1., 2.]])
    >>> W1 = torch.tensor([[1., 0.], [0., -1.]]); b1 = torch.zeros(2)
    >>> W2 = torch.tensor([[1., 1.]]); b2 = torch.tensor([0.5])
    >>> forward(x, W1, b1, W2, b2)        # h = ReLU((1, -2)) = (1, 0)
    tensor([[1.5000]])
"""

import torch


def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：先算带 ReLU 的隐藏层，再算输出")
