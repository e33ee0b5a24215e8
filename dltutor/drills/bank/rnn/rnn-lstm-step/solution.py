"""One step of an LSTM cell: reference solution."""

import torch


def lstm_step(x_t: torch.Tensor, h: torch.Tensor, c: torch.Tensor,
              W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor,
              b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # One product computes all four parts: [N, 4H].
    gates = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    # PyTorch stacks them as input, forget, candidate (g), output.
    i, f, g, o = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    g = torch.tanh(g)            # new content lies in (-1, 1)
    c_next = f * c + i * g       # keep some of the old cell, write some new
    h_next = o * torch.tanh(c_next)
    return h_next, c_next
