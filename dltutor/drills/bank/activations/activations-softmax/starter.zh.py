"""Softmax（归一化指数函数），对很大的 logits 也稳定。

任务：编写 softmax(z, dim)，沿维度 dim 把分数（logits）变成概率：

    softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)       （沿 dim 求和）

形状和类型：
    z: 任意形状的浮点张量，例如 N 个样本的 [N, C] logits
    dim: 要归一化的维度（默认 −1，即最后一个维度）
    返回：与 z 形状和 dtype 都相同的张量；沿 dim 的每一片都为正，
        且和为 1

规则：
- logits 接近 ±1000 时也必须能用（不出现 NaN 或 inf）；不同行的 logits
  彼此相差很远时也一样。
- 不要调用 torch.softmax、F.softmax、log_softmax 或 nn.Softmax。
- 不要修改 z。

例子：
    >>> softmax(torch.tensor([[2., 1., 0.1]]))
    tensor([[0.6590, 0.2424, 0.0986]])
    >>> softmax(torch.tensor([1002., 1001., 1000.]))
    tensor([0.6652, 0.2447, 0.0900])
"""

import torch


def softmax(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    raise NotImplementedError("TODO：取 exp，再归一化；注意数值稳定")
