# expect: z = 0 exactly
import torch


def predict(x, w, b):
    return (x @ w + b > 0).to(x.dtype)
