# expect: gate order is i, f, g, o
# expect-zh: PyTorch 的门顺序是 i, f, g, o
import torch


def lstm_step(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, o, g = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    c_next = f * c + i * torch.tanh(g)
    return o * torch.tanh(c_next), c_next
