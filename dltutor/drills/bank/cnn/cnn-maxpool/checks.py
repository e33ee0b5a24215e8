"""Hidden checks for cnn-maxpool: compared with F.max_pool2d."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, forbidden, seeded)
from dltutor.i18n import _

RULE = _("without calling F.max_pool2d, nn.MaxPool2d or their relatives")
WRITE_IT = _("the drill is to take the window maxima yourself; loops over output positions are fine")


def _advice(x, k, s):
    stride = k if s is None else s
    ref = F.max_pool2d(x, k, stride)

    def advice(actual):
        if not isinstance(actual, torch.Tensor):
            return ""
        c, h, w = x.shape
        ceil_shape = (c, -(-h // stride), -(-w // stride))
        if tuple(actual.shape) == ceil_shape and ceil_shape != tuple(ref.shape):
            return _("windows that do not fit are dropped: there are (H − k)//s + 1 of them, rounded down")
        if s is None and tuple(actual.shape) == tuple(F.max_pool2d(x, k, 1).shape):
            return _("the default stride is the kernel size (s = None means s = k), as in PyTorch")
        return diagnose(actual, [
            (F.avg_pool2d(x, k, stride), _("take the maximum of each window, not the mean (that is average pooling)")),
            (F.max_pool2d(x, k, stride).clamp(min=0),
             _("start the maximum from the window's values (or −inf), not from 0: a whole window is negative here")),
        ], _("out[c, i, j] = the maximum of x[c, i·s : i·s + k, j·s : j·s + k]"))
    return advice


def _run(m, x, k, s, case):
    x0 = x.clone()
    with forbidden(F, "max_pool2d", rule=RULE, advice=WRITE_IT):
        out = m.max_pool2d(x, k) if s is None else m.max_pool2d(x, k, s)
    expect_unchanged(x0, x, case=case, name="x")
    expect_close(out, F.max_pool2d(x0, k, k if s is None else s), case=case, advice=_advice(x0, k, s))


def check_rules(m):
    expect_not_used(m, {"max_pool2d", "MaxPool2d", "max_pool2d_with_indices", "adaptive_max_pool2d",
                        "AdaptiveMaxPool2d", "max_pool1d", "max_pool3d"}, rule=RULE, advice=WRITE_IT)


def check_worked_example(m):
    x = torch.tensor([[[1.0, 2.0, 5.0, 0.0], [3.0, 4.0, 1.0, 1.0], [0.0, 0.0, -1.0, -2.0], [7.0, 0.0, -3.0, -4.0]]])
    _run(m, x, 2, None, _("the worked example: x [1, 4, 4], k = 2, default stride"))


def check_negative_values(m):
    _run(m, -torch.rand(2, 4, 4, generator=seeded(50)) - 1, 2, 2,
         _("x [2, 4, 4] with all values below −1, k = 2, s = 2"))


def check_channels_and_odd_size(m):
    _run(m, torch.randn(3, 5, 7, generator=seeded(51)), 2, 2,
         _("x [3, 5, 7] (odd sizes: the last row and column fit no window), k = 2, s = 2"))


def check_overlapping_windows(m):
    _run(m, torch.randn(2, 6, 6, generator=seeded(52)), 3, 1, _("overlapping windows: x [2, 6, 6], k = 3, s = 1"))


def check_stride_not_kernel(m):
    _run(m, torch.randn(1, 7, 9, generator=seeded(53)), 3, 2, _("x [1, 7, 9], k = 3, s = 2"))


def check_float64_default_stride(m):
    _run(m, torch.randn(2, 6, 5, generator=seeded(54), dtype=torch.float64), 3, None,
         _("float64 x [2, 6, 5], k = 3, default stride (= 3)"))
