# expect: squash with tanh
def rnn_step(x_t, h, W, U, b):
    return x_t @ W.T + h @ U.T + b
