"""One step of the perceptron learning rule (感知机学习规则).

Task: write update(w, b, x_i, y_i, lr). It looks at ONE sample x_i with
label y_i, predicts with the current weights, and returns the new weights:

    y = 1 if w · x_i + b >= 0, otherwise 0      the current prediction
    w_new = w + lr · (y_i − y) · x_i
    b_new = b + lr · (y_i − y)

Shapes and types:
    w:   [D] float tensor, the weights
    b:   float, the bias
    x_i: [D] float tensor, one sample
    y_i: int, its label, 0 or 1
    lr:  float > 0, the learning rate η
    returns (w_new, b_new): a [D] tensor (same dtype as w) and a number
        (a Python float or a 0-d tensor)

Rules: return new values; do not change w or x_i in place.

Example: w = (0, 0), b = 0 predicts 1 for every x (z = 0 >= 0). For
x_i = (1, 2) with label 0 and lr = 0.5, the error is 0 − 1 = −1:
    >>> update(torch.zeros(2), 0.0, torch.tensor([1., 2.]), 0, 0.5)
    (tensor([-0.5000, -1.0000]), -0.5)
"""

import torch


def update(w: torch.Tensor, b: float, x_i: torch.Tensor, y_i: int,
           lr: float) -> tuple[torch.Tensor, float]:
    raise NotImplementedError("TODO: predict, then apply the rule")
