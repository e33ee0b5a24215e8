"""Hidden checks for cnn-output-size: compared with the shape F.conv2d really gives."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import expect_equal, fail
from dltutor.i18n import _


def _torch_size(w, k, s, p, d):
    x = torch.zeros(1, 1, 1, w)
    weight = torch.zeros(1, 1, 1, k)
    return F.conv2d(x, weight, stride=(1, s), padding=(0, p), dilation=(1, d)).shape[-1]


def _advice(w, k, s, p, d, actual):
    if isinstance(actual, float):
        return _("a size is an int: round down with // (integer division), not /")
    guesses = [
        ((w + 2 * p - d * (k - 1) - 1) // s, _("count the first window too: … + 1")),
        ((w + p - d * (k - 1) - 1) // s + 1, _("the padding p is added on both sides: w + 2p")),
        ((w + 2 * p - k) // s + 1, _("a dilated kernel spans d·(k − 1) + 1 pixels: use the dilation")),
        (w + 2 * p - d * (k - 1), _("divide by the stride: the kernel moves s pixels at a time")),
        (-((w + 2 * p - d * (k - 1) - 1) // -s) + 1, _("round down (floor), not up: a window that does not fit "
                                                       "is dropped")),
    ]
    for guess, advice in guesses:
        if actual == guess:
            return advice
    return "⌊(w + 2p − d·(k − 1) − 1) / s⌋ + 1"


def _run(m, w, k, s=1, p=0, d=1):
    case = f"conv_output_size(w={w}, k={k}, s={s}, p={p}, d={d})"
    actual = m.conv_output_size(w, k, s=s, p=p, d=d)
    expected = _torch_size(w, k, s, p, d)
    if isinstance(actual, bool) or not isinstance(actual, int):
        fail(case, _("the int {value}").format(value=expected), f"{type(actual).__name__} {actual!r}",
             _advice(w, k, s, p, d, actual))
    expect_equal(actual, expected, case=case, what=_("size"), advice=lambda a: _advice(w, k, s, p, d, a))


def check_worked_example(m):
    _run(m, 4, 3)


def check_same_padding(m):
    _run(m, 28, 5, p=2)
    _run(m, 7, 3, p=1)


def check_stride(m):
    _run(m, 224, 11, s=4, p=2)
    _run(m, 10, 3, s=2)
    _run(m, 9, 3, s=3)


def check_kernel_as_large_as_input(m):
    _run(m, 5, 5)
    _run(m, 1, 1)


def check_dilation(m):
    _run(m, 10, 3, d=2)
    _run(m, 32, 3, s=2, p=2, d=2)


def check_defaults(m):
    expect_equal(m.conv_output_size(6, 2), 5, case=_("conv_output_size(6, 2) with default s, p, d"),
                 advice=_("the defaults are s=1, p=0, d=1"))


def check_kernel_too_large(m):
    case = _("conv_output_size(w=2, k=5): the kernel does not fit")
    try:
        result = m.conv_output_size(2, 5)
    except ValueError:
        return
    fail(case, "ValueError", _("returned {value}").format(value=repr(result)),
         _("when the (dilated) kernel is larger than the padded input there is no output at all: raise ValueError"))
