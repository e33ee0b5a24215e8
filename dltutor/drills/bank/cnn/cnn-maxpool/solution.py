"""Max pooling by hand: reference solution."""

import torch


def max_pool2d(x: torch.Tensor, k: int, s: int | None = None
               ) -> torch.Tensor:
    s = k if s is None else s        # PyTorch's default: windows side by side
    c, h, w = x.shape
    # Only windows that fit completely (floor, PyTorch's ceil_mode=False).
    h_out = (h - k) // s + 1
    w_out = (w - k) // s + 1
    out = x.new_empty(c, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * s:i * s + k, j * s:j * s + k]   # [C, k, k]
            # The largest value of each channel's window; channels stay apart.
            out[:, i, j] = window.amax(dim=(1, 2))
    return out
