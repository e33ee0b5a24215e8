# expect: add the bias
import torch


def predict(x, w, b):
    return (x @ w >= 0).to(x.dtype)
