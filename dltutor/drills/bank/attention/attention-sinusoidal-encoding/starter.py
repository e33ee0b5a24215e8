"""Sinusoidal positional encoding (位置编码) of Vaswani et al. (2017).

Task: write sinusoidal_encoding(length, d) -> pe.

    pe[t, 2i]     = sin(t / 10000^(2i/d))
    pe[t, 2i + 1] = cos(t / 10000^(2i/d))

for positions t = 0 … length − 1 and column pairs i = 0 … d/2 − 1.

Shapes: length ≥ 1 and an even d ≥ 2 (Python ints); returns a float32
tensor [length, d].

Rules: nothing is forbidden. Build it with torch (no Python loops needed).

Example (d = 4: the second pair's angle is t / 100):
    >>> sinusoidal_encoding(2, 4)
    tensor([[0.0000, 1.0000, 0.0000, 1.0000],
            [0.8415, 0.5403, 0.0100, 0.9999]])
"""

import torch


def sinusoidal_encoding(length: int, d: int) -> torch.Tensor:
    raise NotImplementedError("TODO: sines in even columns, cosines in odd")
