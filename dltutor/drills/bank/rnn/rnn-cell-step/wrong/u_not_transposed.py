# expect: h @ U.T
# expect-zh: 要写成 h @ U.T
import torch


def rnn_step(x_t, h, W, U, b):
    return torch.tanh(x_t @ W.T + h @ U + b)
