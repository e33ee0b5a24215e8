"""LSTM（长短期记忆网络）单元走一步，与 nn.LSTMCell 相同。

任务：编写 lstm_step(x_t, h, c, W_ih, W_hh, b_ih, b_hh)
-> (h_next, c_next)。

    gates = x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh      [N, 4H]
    把 gates 按 PyTorch 的顺序 i, f, g, o 切成四块 [N, H]
    i = σ(i), f = σ(f), g = tanh(g), o = σ(o)
    c_next = f ⊙ c + i ⊙ g
    h_next = o ⊙ tanh(c_next)

（⊙ 表示逐元素相乘，σ 是 sigmoid。）

形状（同一 dtype 的浮点张量）：
    x_t: [N, D]    h, c: [N, H]   上一步的隐状态和记忆元
    W_ih: [4H, D]  W_hh: [4H, H]  b_ih, b_hh: [4H]
    返回 (h_next [N, H], c_next [N, H])

规则：不要用 nn.LSTMCell 或 nn.LSTM。可以用 torch.sigmoid 和
torch.tanh。不要修改输入。

例子（D = H = 1，所有权重为 0，所以 i = f = o = 0.5，g = 0）：
    >>> z = torch.zeros(4, 1)
    >>> h, c = lstm_step(torch.ones(1, 1), torch.zeros(1, 1),
    ...                  torch.ones(1, 1), z, z, z[:, 0], z[:, 0])
    >>> c, h
    (tensor([[0.5000]]), tensor([[0.2311]]))
"""

import torch


def lstm_step(x_t: torch.Tensor, h: torch.Tensor, c: torch.Tensor,
              W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
              b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：先算门 i、f、g、o，再算 c 和 h")
