"""One step of an LSTM cell (长短期记忆网络), equal to nn.LSTMCell.

Task: write lstm_step(x_t, h, c, W_ih, W_hh, b_ih, b_hh) -> (h_next, c_next).

    gates = x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh      [N, 4H]
    cut gates into four [N, H] parts, in PyTorch's order i, f, g, o
    i = σ(i), f = σ(f), g = tanh(g), o = σ(o)
    c_next = f ⊙ c + i ⊙ g
    h_next = o ⊙ tanh(c_next)

(⊙ is element-by-element multiplication, σ the sigmoid.)

Shapes (float tensors of one dtype):
    x_t: [N, D]    h, c: [N, H]   the previous hidden and cell states
    W_ih: [4H, D]  W_hh: [4H, H]  b_ih, b_hh: [4H]
    returns (h_next [N, H], c_next [N, H])

Rules: do not use nn.LSTMCell or nn.LSTM. torch.sigmoid and torch.tanh are
fine. Do not change the inputs.

Example (D = H = 1, all weights 0, so i = f = o = 0.5 and g = 0):
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
    raise NotImplementedError("TODO: gates i, f, g, o; then c and h")
