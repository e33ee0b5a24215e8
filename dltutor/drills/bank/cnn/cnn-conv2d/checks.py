"""Hidden checks for cnn-conv2d: compared with F.conv2d."""

import torch
import torch.nn.functional as F

from dltutor.drills.expect import (diagnose, expect_close, expect_not_used,
                                   expect_unchanged, forbidden, seeded)
from dltutor.i18n import _

RULE = _("without calling F.conv2d, torch.conv2d, nn.Conv2d or convolution")
WRITE_IT = _("the drill is to slide the filters yourself; loops over output positions are fine")


def _advice(x, weight, bias, stride, padding):
    ref = F.conv2d(x, weight, bias, stride=stride, padding=padding)

    def advice(actual):
        if not isinstance(actual, torch.Tensor):
            return ""
        shape = tuple(actual.shape)
        o, h_out, w_out = ref.shape
        if shape == (o, h_out - 1, w_out - 1):
            return (_("one row and one column too few: there are (H + 2P − K)//S + 1 windows; "
                    "range(H − K) misses the last one"))
        if padding and shape == tuple(F.conv2d(x, weight, bias, stride=stride).shape):
            return _("pad the input first: F.pad(x, (P, P, P, P)) adds P zeros on every side")
        if stride > 1 and shape == tuple(F.conv2d(x, weight, bias, padding=padding).shape):
            return _("the output size divides by the stride: (H + 2P − K)//S + 1")
        if len(shape) == 4:
            return _("x has no batch dimension here: return [O, H_out, W_out]")
        return diagnose(actual, [
            (F.conv2d(x, weight.flip(-1, -2), bias, stride=stride, padding=padding),
             _("deep-learning convolution is a cross-correlation: do not flip the kernel")),
            (F.conv2d(x, weight, None, stride=stride, padding=padding), _("add bias[o] to every output of filter o")),
            (F.conv2d(x, weight, bias, stride=1, padding=padding)[:, :h_out, :w_out],
             _("move the window by the stride: window (i, j) starts at (i·stride, j·stride)")),
        ], _("out[o, i, j] = bias[o] + Σ weight[o] · (the window of the padded x at (i·stride, j·stride))"))
    return advice


def _run(m, x, weight, bias, stride, padding, case):
    inputs = (x.clone(), weight.clone(), bias.clone())
    with forbidden(F, "conv2d", rule=RULE, advice=WRITE_IT), forbidden(torch, "conv2d", rule=RULE, advice=WRITE_IT):
        out = m.conv2d(x, weight, bias, stride=stride, padding=padding)
    for before, after, name in zip(inputs, (x, weight, bias), ("x", "weight", "bias")):
        expect_unchanged(before, after, case=case, name=name)
    ref = F.conv2d(*inputs, stride=stride, padding=padding)
    expect_close(out, ref, case=case, advice=_advice(*inputs, stride, padding), rtol=1e-4, atol=1e-5)


def _random(c, h, w, o, k, seed, dtype=torch.float32):
    g = seeded(seed)
    return (torch.randn(c, h, w, generator=g, dtype=dtype), torch.randn(o, c, k, k, generator=g, dtype=dtype),
            torch.randn(o, generator=g, dtype=dtype))


def check_rules(m):
    expect_not_used(m, {"conv2d", "Conv2d", "convolution", "_convolution", "conv1d", "conv3d"},
                    rule=RULE, advice=WRITE_IT)


def check_worked_example(m):
    _run(m, torch.arange(9.0).reshape(1, 3, 3), torch.ones(1, 1, 2, 2), torch.zeros(1), 1, 0,
         _("x = 0…8 as [1, 3, 3], a 2×2 filter of ones, bias 0"))


def check_asymmetric_kernel(m):
    weight = torch.tensor([[[[1.0, 2.0], [0.0, -1.0]]]])
    _run(m, torch.arange(12.0).reshape(1, 3, 4), weight, torch.tensor([0.5]), 1, 0,
         _("a non-symmetric 2×2 filter [[1, 2], [0, −1]] on x = 0…11 as [1, 3, 4], bias 0.5"))


def check_channels_and_non_square(m):
    _run(m, *_random(3, 5, 7, 4, 3, seed=40), 1, 0, _("x [3, 5, 7] (C = 3, not square), 4 filters of 3×3"))


def check_padding(m):
    _run(m, *_random(2, 4, 4, 3, 3, seed=41), 1, 1, _("x [2, 4, 4], 3 filters of 3×3, padding 1"))


def check_stride(m):
    _run(m, *_random(2, 7, 6, 2, 3, seed=42), 2, 0, _("x [2, 7, 6], 2 filters of 3×3, stride 2"))


def check_stride_and_padding(m):
    _run(m, *_random(1, 6, 5, 3, 2, seed=43), 3, 2, _("x [1, 6, 5], 3 filters of 2×2, stride 3, padding 2"))


def check_one_by_one_kernel_float64(m):
    _run(m, *_random(4, 3, 3, 2, 1, seed=44, dtype=torch.float64), 1, 0, _("1×1 filters, float64 x [4, 3, 3]"))
