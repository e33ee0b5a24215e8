# expect: add the bias
# expect-zh: 先把偏置 b 加到加权和上
import torch


def predict(x, w, b):
    return (x @ w >= 0).to(x.dtype)
