# expect: split each class on its own
# expect-zh: 每个类别单独划分
import torch


def stratified_split(labels, fractions, seed):
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(labels), generator=g)
    n_val = round(fractions[1] * len(labels))
    n_test = round(fractions[2] * len(labels))
    return idx[n_val + n_test:], idx[:n_val], idx[n_val:n_val + n_test]
