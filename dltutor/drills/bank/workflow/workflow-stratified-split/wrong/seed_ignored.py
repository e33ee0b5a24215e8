# expect: seeded with seed
# expect-zh: 用以 seed 为种子的 torch.Generator
import torch


def stratified_split(labels, fractions, seed):
    train, val, test = [], [], []
    for c in labels.unique():
        idx = (labels == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx))]
        n_val, n_test = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))
        val.append(idx[:n_val])
        test.append(idx[n_val:n_val + n_test])
        train.append(idx[n_val + n_test:])
    return torch.cat(train), torch.cat(val), torch.cat(test)
