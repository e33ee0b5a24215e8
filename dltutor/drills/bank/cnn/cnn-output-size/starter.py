"""The output size of a convolution (卷积) along one dimension.

Task: write conv_output_size(w, k, s, p, d). It returns how many outputs a
convolution gives along a dimension of size w (the same formula serves the
height and the width):

    w: input size in pixels          k: kernel size
    s: stride (default 1)            p: zero padding on EACH side (default 0)
    d: dilation (default 1): the kernel's taps are d pixels apart

Types: all arguments are Python ints (w ≥ 1, k ≥ 1, s ≥ 1, p ≥ 0, d ≥ 1).
Returns: a Python int, the same number nn.Conv2d / F.conv2d gives.
Raises ValueError when the kernel does not fit in the padded input even
once (PyTorch raises an error there too).

The lesson's formula (for d = 1): ⌊(W − K + 2P) / S⌋ + 1.

Examples:
    >>> conv_output_size(4, 3)                 # the lesson's worked example
    2
    >>> conv_output_size(224, 11, s=4, p=2)    # AlexNet's first layer
    55
"""


def conv_output_size(w: int, k: int, s: int = 1, p: int = 0,
                     d: int = 1) -> int:
    raise NotImplementedError("TODO: ⌊(w + 2p − span) / s⌋ + 1")
