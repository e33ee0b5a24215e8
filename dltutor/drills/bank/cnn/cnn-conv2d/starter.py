"""A 2-D convolution (卷积), written by hand.

Task: write conv2d(x, weight, bias, stride, padding) that gives the same
result as F.conv2d(x, weight, bias, stride=stride, padding=padding) for one
image (no batch dimension):

    out[o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v]
                             · xp[c, i·stride + u, j·stride + v]

where xp is x with `padding` rows/columns of zeros on every side. This is
a cross-correlation, as in every deep-learning library: no kernel flip.

Shapes (float tensors of one dtype):
    x:      [C, H, W]     C input channels
    weight: [O, C, K, K]  O filters, each looking at all C channels
    bias:   [O]
    stride, padding: ints (stride ≥ 1, padding ≥ 0)
    returns: [O, H_out, W_out] with H_out = ⌊(H + 2P − K)/S⌋ + 1, and the
        same for W_out

Rules: do not call F.conv2d, torch.conv2d, nn.Conv2d or
torch.nn.functional.convolution. Loops over the output positions are fine
(the inputs are small); F.pad and F.unfold are allowed.

Example (one channel, a 2×2 filter that sums its window):
    >>> x = torch.arange(9.).reshape(1, 3, 3)
    >>> conv2d(x, torch.ones(1, 1, 2, 2), torch.zeros(1))
    tensor([[[ 8., 12.],
             [20., 24.]]])
"""

import torch
import torch.nn.functional as F


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
           stride: int = 1, padding: int = 0) -> torch.Tensor:
    raise NotImplementedError("TODO: pad, then slide every filter")
