# expect: exactly one part
# expect-zh: 恰好落在一个部分里
import torch


def stratified_split(labels, fractions, seed):
    g = torch.Generator().manual_seed(seed)
    train, val, test = [], [], []
    for c in labels.unique():
        idx = (labels == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]
        n_train, n_val = int(fractions[0] * len(idx)), int(fractions[1] * len(idx))
        n_test = int(fractions[2] * len(idx))
        train.append(idx[:n_train])
        val.append(idx[n_train:n_train + n_val])
        test.append(idx[n_train + n_val:n_train + n_val + n_test])
    return torch.cat(train), torch.cat(val), torch.cat(test)
