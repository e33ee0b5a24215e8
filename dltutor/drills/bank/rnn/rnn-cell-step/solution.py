"""One step of a simple RNN: reference solution."""

import torch


def rnn_step(x_t: torch.Tensor, h: torch.Tensor, W: torch.Tensor,
             U: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # One sample per row, so the lesson's W x becomes x @ W.T ([N, H]).
    # U is square: forgetting .T would not raise, it would be wrong.
    # tanh keeps the state in (-1, 1) from step to step.
    return torch.tanh(x_t @ W.T + h @ U.T + b)
