# expect: squash with tanh
# expect-zh: 要用 tanh 压缩
def rnn_step(x_t, h, W, U, b):
    return x_t @ W.T + h @ U.T + b
