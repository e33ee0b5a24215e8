"""One step of the perceptron learning rule: reference solution."""

import torch


def update(w: torch.Tensor, b: float, x_i: torch.Tensor, y_i: int,
           lr: float) -> tuple[torch.Tensor, float]:
    # The current prediction, with the step function (fires at z = 0 too).
    y = 1.0 if float(x_i @ w + b) >= 0 else 0.0
    # The error is +1, 0 or -1; when the prediction is right nothing moves.
    error = y_i - y
    # New tensors, not in-place updates: the caller keeps its w.
    # The bias is the weight of a constant input x0 = +1.
    return w + lr * error * x_i, b + lr * error
