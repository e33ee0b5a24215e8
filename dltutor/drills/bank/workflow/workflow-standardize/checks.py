"""Hidden checks for workflow-standardize."""

import torch

from dltutor.drills.expect import (diagnose, expect_close, expect_unchanged,
                                   fail, seeded)
from dltutor.i18n import _


def _fit(x):
    std = x.std(0, correction=0)
    return x.mean(0), torch.where(std == 0, torch.ones_like(std), std)


def standardize_with(x, mean, std):
    return (x - mean) / std


def _pair(out, case, names):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(case, _("a pair ({names})").format(names=", ".join(names)), type(out).__name__,
             _("return {names}").format(names=", ".join(names)))
    return out


def _check_fit(m, x, case):
    x0 = x.clone()
    mean, std = _pair(m.fit_standardizer(x), case, ("mean", "std"))
    expect_unchanged(x0, x, case=case, name="x_train")
    ref_mean, ref_std = _fit(x0)
    per_feature = _("one per feature: reduce over the samples, dim 0 (mean(dim=0))")
    expect_close(mean, ref_mean, case=case, what="mean", advice=per_feature, rtol=1e-5, atol=1e-6)
    raw = x0.std(0, correction=0)
    expect_close(std, ref_std, case=case, what="std", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
        (raw, _("a constant feature has std 0: return 1 for it (as StandardScaler does), so that standardize "
              "does not divide by 0")),
        (x0.std(0), _("use the population std, which divides by N: x.std(dim=0, correction=0)")),
    ], per_feature))


def check_worked_example(m):
    x_train = torch.tensor([[2.0], [6.0], [2.0], [6.0]])
    _check_fit(m, x_train, _("the lesson's example: one feature with training values 2, 6, 2, 6"))
    case = _("the lesson's example: train 2, 6, 2, 6 and test values 9, 11")
    x_test = torch.tensor([[9.0], [11.0]])
    out = _pair(m.standardize_split(x_train, x_test), case, ("x_train_std", "x_test_std"))
    mean, std = _fit(x_train)
    expect_close(out[1], (x_test - mean) / std, case=case, what="x_test_std", advice=lambda a: diagnose(a, [
        (standardize_with(x_test, *_fit(torch.cat([x_train, x_test]))),
         _("fit on the training data only: using the test values too leaks them into training "
         "(here 0.90 instead of 2.5)")),
    ]))


def check_several_features(m):
    g = seeded(150)
    x = torch.randn(20, 5, generator=g) * torch.tensor([1.0, 10.0, 0.1, 100.0, 3.0]) + torch.arange(5.0) * 7
    _check_fit(m, x, _("x_train [20, 5]: features with very different scales and means"))


def check_standardize(m):
    g = seeded(151)
    x, mean, std = torch.randn(6, 3, generator=g), torch.randn(3, generator=g), torch.rand(3, generator=g) + 0.5
    inputs = (x.clone(), mean.clone(), std.clone())
    out = m.standardize(x, mean, std)
    case = _("standardize(x [6, 3], mean [3], std [3])")
    for before, after, name in zip(inputs, (x, mean, std), ("x", "mean", "std")):
        expect_unchanged(before, after, case=case, name=name)
    expect_close(out, (inputs[0] - inputs[1]) / inputs[2], case=case,
                 advice=_("(x − mean) / std, feature by feature"))


def check_constant_feature(m):
    x = torch.tensor([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    _check_fit(m, x, _("x_train [3, 2] whose second feature is always 5"))
    case = _("standardize_split with a feature that is constant (5) in training and 7 in test")
    out = _pair(m.standardize_split(x, torch.tensor([[4.0, 7.0]])), case, ("x_train_std", "x_test_std"))
    mean, std = _fit(x)
    expect_close(out[0], (x - mean) / std, case=case, what="x_train_std",
                 advice=_("a constant feature has std 0: use 1 instead, so it is centred but not divided by 0"))
    expect_close(out[1], (torch.tensor([[4.0, 7.0]]) - mean) / std, case=case, what="x_test_std",
                 advice=_("a constant feature has std 0: use 1 instead, so it is centred but not divided by 0"))


def check_fit_on_train_only(m):
    g = seeded(152)
    x_train = torch.randn(30, 4, generator=g)
    x_test = torch.randn(10, 4, generator=g) * 3 + 5   # a shifted test set shows any leak
    inputs = (x_train.clone(), x_test.clone())
    case = _("x_train [30, 4] near 0 and x_test [10, 4] near 5")
    out = _pair(m.standardize_split(x_train, x_test), case, ("x_train_std", "x_test_std"))
    expect_unchanged(inputs[0], x_train, case=case, name="x_train")
    expect_unchanged(inputs[1], x_test, case=case, name="x_test")
    mean, std = _fit(inputs[0])
    leak_mean, leak_std = _fit(torch.cat(inputs))
    leak = (_("fit on the training data only: μ and σ must not see the test set (data leakage makes the test "
            "score look better than it is)"))
    for k, (name, part) in enumerate((("x_train_std", inputs[0]), ("x_test_std", inputs[1]))):
        expect_close(out[k], (part - mean) / std, case=case, what=name, rtol=1e-5, atol=1e-5,
                     advice=lambda a, part=part: diagnose(a, [((part - leak_mean) / leak_std, leak)],
                                                          _("standardise both sets with the μ and σ of x_train")))


def check_float64_single_sample(m):
    x = torch.tensor([[3.0, -1.0]], dtype=torch.float64)
    _check_fit(m, x, _("a float64 x_train with a single sample [1, 2] (every feature is constant)"))
