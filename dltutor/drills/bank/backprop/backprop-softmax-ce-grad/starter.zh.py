"""softmax + 交叉熵（cross-entropy）对 logits 的梯度。

损失是一个批量上交叉熵的平均值，和 F.cross_entropy 的算法一样：

    L = (1/N) Σₙ −log softmax(logitsₙ)[targetsₙ]

任务：手工推导并返回 grad = ∂L/∂logits。

形状和类型：
    logits:  [N, C] 浮点张量，C 个类别的原始分数
    targets: [N] int64 张量，每个样本的真实类别，0 … C−1
    返回 grad：[N, C]，dtype 与 logits 相同

规则：不要用自动微分（.backward()、torch.autograd）。可以用
torch.softmax。logits 接近 ±1000 时结果也必须有限。不要修改输入。

例子（N = 1，C = 2，两个 logits 相等，所以 p = (0.5, 0.5)）：
    >>> softmax_ce_grad(torch.tensor([[0., 0.]]), torch.tensor([1]))
    tensor([[ 0.5000, -0.5000]])
"""

import torch


def softmax_ce_grad(logits: torch.Tensor, targets: torch.Tensor
                    ) -> torch.Tensor:
    raise NotImplementedError("TODO：(softmax − one-hot) / N")
