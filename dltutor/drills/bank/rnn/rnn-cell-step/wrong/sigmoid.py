# expect: tanh, not sigmoid
# expect-zh: 用的是 tanh，而不是 sigmoid
import torch


def rnn_step(x_t, h, W, U, b):
    return torch.sigmoid(x_t @ W.T + h @ U.T + b)
