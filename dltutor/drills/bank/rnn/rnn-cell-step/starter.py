"""One step of a simple recurrent network (循环神经网络, RNN).

Task: write rnn_step(x_t, h, W, U, b) that returns the next hidden state

    hₜ = tanh(W xₜ + U hₜ₋₁ + b)

for a batch of N sequences at once (one sample per row, so W xₜ is
x_t @ W.T), as nn.RNNCell computes it.

Shapes (float tensors of one dtype):
    x_t: [N, D]  the inputs at step t
    h:   [N, H]  the previous hidden state hₜ₋₁
    W:   [H, D]  input-to-hidden weights (nn.RNNCell's weight_ih)
    U:   [H, H]  hidden-to-hidden weights (weight_hh)
    b:   [H]     the bias
    returns h_next: [N, H], every value in (−1, 1)

Rules: do not use nn.RNNCell or nn.RNN. Do not change the inputs.

Example (D = 1, H = 1):
    >>> one = torch.ones(1, 1)
    >>> rnn_step(one, torch.zeros(1, 1), one, one, torch.zeros(1))
    tensor([[0.7616]])
"""

import torch


def rnn_step(x_t: torch.Tensor, h: torch.Tensor, W: torch.Tensor,
             U: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: tanh(x W^T + h U^T + b)")
