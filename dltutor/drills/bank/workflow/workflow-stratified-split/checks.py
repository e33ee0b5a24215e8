"""Hidden checks for workflow-stratified-split: properties any correct split has."""

import torch

from dltutor.drills.expect import (expect_not_used, expect_unchanged, fail,
                                   fmt, seeded)
from dltutor.i18n import _

PARTS = ("train_idx", "val_idx", "test_idx")


def _split(m, labels, fractions, seed, case):
    labels0 = labels.clone()
    state = torch.get_rng_state()
    out = m.stratified_split(labels, fractions, seed)
    expect_unchanged(labels0, labels, case=case, name="labels")
    if not torch.equal(state, torch.get_rng_state()):
        torch.set_rng_state(state)
        fail(case, _("the global random state left alone"), _("your code used torch's global random generator"),
             _("shuffle with a torch.Generator seeded with seed: g = torch.Generator().manual_seed(seed), "
             "then torch.randperm(n, generator=g)"))
    if not isinstance(out, (tuple, list)) or len(out) != 3:
        fail(case, _("three index tensors (train_idx, val_idx, test_idx)"), type(out).__name__,
             _("return train_idx, val_idx, test_idx"))
    for name, part in zip(PARTS, out):
        if not isinstance(part, torch.Tensor) or part.dim() != 1 or part.dtype != torch.int64:
            got = _("{dtype} tensor of shape {shape}").format(dtype=part.dtype, shape=list(part.shape)) \
                if isinstance(part, torch.Tensor) \
                else type(part).__name__
            fail(case, _("{name}: a 1-D int64 tensor").format(name=name), got,
                 _("use torch.cat of index tensors (nonzero() gives int64)"))
    n = len(labels)
    everything = torch.cat(list(out))
    counts = torch.bincount(everything, minlength=n) if len(everything) else torch.zeros(n, dtype=torch.int64)
    if len(counts) > n or int(counts.max()) > 1 or int(counts.min()) < 1:
        missing = int((counts[:n] == 0).sum())
        twice = int((counts > 1).sum())
        fail(case, _("every index 0 … {last} in exactly one part").format(last=n - 1),
             _("{missing} missing, {twice} in more than one").format(missing=missing, twice=twice),
             _("every sample must land in exactly one part: give the rounding remainder to the training part "
             "(train = all the samples of the class that are not in val or test)"))
    return out


def _check_strata(labels, out, fractions, case):
    for c in labels.unique().tolist():
        n_c = int((labels == c).sum())
        for name, part, frac in zip(PARTS, out, fractions):
            got = int((labels[part] == c).sum())
            if abs(got - frac * n_c) > 1.0 + 1e-9:
                fail(case, _("about {n} samples of class {c} in {name} ({fraction} of {total})").format(
                     n=fmt(frac * n_c), c=c, name=name, fraction=fmt(frac), total=n_c),
                     f"{got}", _("split each class on its own (stratify), so every part keeps the class "
                     "proportions; one shuffle of all samples can leave a rare class out"))


def check_rules(m):
    expect_not_used(m, {"train_test_split", "StratifiedShuffleSplit", "StratifiedKFold", "model_selection"},
                    rule=_("without scikit-learn's splitters"),
                    advice=_("the drill is to write the split yourself: shuffle and cut every class"))


def check_worked_example(m):
    labels = torch.tensor([0] * 10 + [1] * 10)
    case = _("20 samples (10 of each class, sorted), fractions (0.6, 0.2, 0.2), seed 0")
    _check_strata(labels, _split(m, labels, (0.6, 0.2, 0.2), 0, case), (0.6, 0.2, 0.2), case)


def check_rare_class(m):
    labels = torch.tensor([0] * 90 + [1] * 10)
    labels = labels[torch.randperm(100, generator=seeded(140))]
    for seed in range(5):
        case = _("100 samples, 90 of class 0 and 10 of class 1, fractions (0.7, 0.15, 0.15), "
                 "seed {seed}").format(seed=seed)
        _check_strata(labels, _split(m, labels, (0.7, 0.15, 0.15), seed, case), (0.7, 0.15, 0.15), case)


def check_three_classes_uneven(m):
    labels = torch.randint(0, 3, (53,), generator=seeded(141))
    case = _("53 samples of 3 classes in random order, fractions (0.5, 0.25, 0.25), seed 7")
    _check_strata(labels, _split(m, labels, (0.5, 0.25, 0.25), 7, case), (0.5, 0.25, 0.25), case)


def check_same_seed_same_split(m):
    labels = torch.tensor([0, 1] * 20)
    case = _("40 samples, fractions (0.7, 0.15, 0.15), called twice with seed 3")
    a = _split(m, labels, (0.7, 0.15, 0.15), 3, case)
    b = _split(m, labels, (0.7, 0.15, 0.15), 3, case)
    if not all(torch.equal(x, y) for x, y in zip(a, b)):
        fail(case, _("the same split twice"), _("two different splits"),
             _("shuffle with a torch.Generator seeded with seed, so the same seed gives the same split"))


def check_shuffled_within_class(m):
    labels = torch.tensor([0] * 30 + [1] * 30)
    case = _("60 samples sorted by class, fractions (0.5, 0.25, 0.25), seeds 0 … 3")
    splits = [_split(m, labels, (0.5, 0.25, 0.25), seed, case) for seed in range(4)]
    if all(torch.equal(torch.sort(s[1]).values, torch.sort(splits[0][1]).values) for s in splits):
        first = torch.sort(splits[0][1]).values[:6].tolist()
        fail(case, _("a different validation set for each seed"),
             _("the same one every time (starting {first})").format(first=first),
             _("shuffle within each class before cutting: data files are often sorted, and the seed must "
             "change the split"))


def check_tiny_class(m):
    labels = torch.tensor([0] * 12 + [1, 1])
    case = _("14 samples, a class with only 2 samples, fractions (0.7, 0.15, 0.15), seed 1")
    _check_strata(labels, _split(m, labels, (0.7, 0.15, 0.15), 1, case), (0.7, 0.15, 0.15), case)
