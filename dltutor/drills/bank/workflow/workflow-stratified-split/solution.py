"""A stratified split: reference solution."""

import torch


def stratified_split(labels: torch.Tensor, fractions: tuple, seed: int
                     ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    _, f_val, f_test = fractions
    # Our own generator: repeatable, and the global random state is left
    # alone.
    g = torch.Generator().manual_seed(seed)
    train, val, test = [], [], []
    for c in labels.unique():               # split every class on its own
        idx = (labels == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]   # shuffle
        n_val = round(f_val * len(idx))
        n_test = round(f_test * len(idx))
        val.append(idx[:n_val])
        test.append(idx[n_val:n_val + n_test])
        # The rest, rounding remainder included, trains: no sample is lost.
        train.append(idx[n_val + n_test:])
    return torch.cat(train), torch.cat(val), torch.cat(test)
