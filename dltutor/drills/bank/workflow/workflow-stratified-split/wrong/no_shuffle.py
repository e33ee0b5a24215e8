# expect: shuffle within each class
# expect-zh: 先在每个类别内部打乱
import torch


def stratified_split(labels, fractions, seed):
    train, val, test = [], [], []
    for c in labels.unique():
        idx = (labels == c).nonzero().flatten()
        n_val, n_test = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))
        val.append(idx[:n_val])
        test.append(idx[n_val:n_val + n_test])
        train.append(idx[n_val + n_test:])
    return torch.cat(train), torch.cat(val), torch.cat(test)
