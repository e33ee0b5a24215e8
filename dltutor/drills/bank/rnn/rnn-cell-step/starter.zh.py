"""简单循环神经网络（recurrent neural network，RNN）走一步。

任务：编写 rnn_step(x_t, h, W, U, b)，返回下一个隐状态

    hₜ = tanh(W xₜ + U hₜ₋₁ + b)

一次处理一个批量中的 N 条序列（每行一个样本，所以 W xₜ 写作
x_t @ W.T），和 nn.RNNCell 的算法一样。

形状（同一 dtype 的浮点张量）：
    x_t: [N, D]  第 t 步的输入
    h:   [N, H]  上一个隐状态 hₜ₋₁
    W:   [H, D]  输入到隐藏层的权重（nn.RNNCell 的 weight_ih）
    U:   [H, H]  隐藏层到隐藏层的权重（weight_hh）
    b:   [H]     偏置
    返回 h_next：[N, H]，每个值都在 (−1, 1) 内

规则：不要用 nn.RNNCell 或 nn.RNN。不要修改输入。

例子（D = 1，H = 1）：
    >>> one = torch.ones(1, 1)
    >>> rnn_step(one, torch.zeros(1, 1), one, one, torch.zeros(1))
    tensor([[0.7616]])
"""

import torch


def rnn_step(x_t: torch.Tensor, h: torch.Tensor, W: torch.Tensor,
             U: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：tanh(x W^T + h U^T + b)")
