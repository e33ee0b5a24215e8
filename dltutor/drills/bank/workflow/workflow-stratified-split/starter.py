"""A stratified (分层抽样) train / validation / test split.

Task: write stratified_split(labels, fractions, seed) that returns the
indices of the three parts, keeping each class's share the same in every
part:

    for every class c with n_c samples:
        about fractions[1] · n_c of them go to validation,
        about fractions[2] · n_c to test (round to the nearest whole number),
        and all the others to training.

Arguments:
    labels: [N] int64 tensor, the class of each sample
    fractions: (f_train, f_val, f_test), floats that add up to 1,
        e.g. (0.7, 0.15, 0.15)
    seed: int; the same seed must give the same split, another seed
        (almost always) another split
Returns (train_idx, val_idx, test_idx): three 1-D int64 tensors of sample
indices. Every index 0 … N−1 is in exactly one of them.

Rules: shuffle within each class (the data may be sorted), using a
torch.Generator seeded with `seed`; do not touch the global random state.
Do not use scikit-learn's train_test_split. Do not change labels.

Example (10 samples of class 0 and 10 of class 1, split 60/20/20):
    >>> labels = torch.tensor([0] * 10 + [1] * 10)
    >>> tr, va, te = stratified_split(labels, (0.6, 0.2, 0.2), seed=0)
    >>> len(tr), len(va), len(te), int(labels[va].sum())
    (12, 4, 4, 2)
"""

import torch


def stratified_split(labels: torch.Tensor, fractions: tuple, seed: int
                     ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: shuffle and cut every class")
