# expect: z = 0 exactly
# expect-zh: z 恰好为 0 时
import torch


def predict(x, w, b):
    return (x @ w + b > 0).to(x.dtype)
