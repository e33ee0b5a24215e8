"""The output size of a convolution: reference solution."""


def conv_output_size(w: int, k: int, s: int = 1, p: int = 0,
                     d: int = 1) -> int:
    # A dilated kernel's taps are d apart: it spans d*(k-1)+1 pixels.
    span = d * (k - 1) + 1
    padded = w + 2 * p          # padding is added on both sides
    if padded < span:
        raise ValueError(f"kernel span {span} is larger than the padded "
                         f"input {padded}")
    # The first window counts (+1); each further one needs s more pixels.
    # // rounds down (the floor) and keeps the result an int.
    return (padded - span) // s + 1
