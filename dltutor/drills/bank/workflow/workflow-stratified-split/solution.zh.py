"""分层划分：参考答案。"""

import torch


def stratified_split(labels: torch.Tensor, fractions: tuple, seed: int
                     ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    _, f_val, f_test = fractions
    # 用我们自己的生成器：结果可复现，全局随机状态也不受影响。
    g = torch.Generator().manual_seed(seed)
    train, val, test = [], [], []
    for c in labels.unique():               # 每个类别各自划分
        idx = (labels == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]   # 打乱
        n_val = round(f_val * len(idx))
        n_test = round(f_test * len(idx))
        val.append(idx[:n_val])
        test.append(idx[n_val:n_val + n_test])
        # 剩下的（包括舍入的余数）都用来训练：一个样本也不丢。
        train.append(idx[n_val + n_test:])
    return torch.cat(train), torch.cat(val), torch.cat(test)
