# expect: the candidate g uses tanh
# expect-zh: 候选值 g 用 tanh
import torch


def lstm_step(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = torch.sigmoid(gates).chunk(4, dim=1)
    c_next = f * c + i * g
    return o * torch.tanh(c_next), c_next
