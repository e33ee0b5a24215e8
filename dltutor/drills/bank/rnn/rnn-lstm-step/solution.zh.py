"""LSTM 单元走一步：参考答案。"""

import torch


def lstm_step(x_t: torch.Tensor, h: torch.Tensor, c: torch.Tensor,
              W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
              b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # 一次矩阵乘法就算出全部四个部分：[N, 4H]。
    gates = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    # PyTorch 按输入门、遗忘门、候选值（g）、输出门的顺序堆叠它们。
    i, f, g, o = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    g = torch.tanh(g)            # 新内容落在 (-1, 1) 之内
    c_next = f * c + i * g       # 保留一部分旧的记忆元，写入一部分新内容
    h_next = o * torch.tanh(c_next)
    return h_next, c_next
