"""分层（stratified）划分训练集 / 验证集 / 测试集。

任务：编写 stratified_split(labels, fractions, seed)，返回三个部分的
下标，并让每个类别在每一部分中所占的份额保持一致：

    对每个有 n_c 个样本的类别 c：
        大约 fractions[1] · n_c 个进入验证集，
        大约 fractions[2] · n_c 个进入测试集（四舍五入到最近的整数），
        其余全部进入训练集。

参数：
    labels: [N] int64 张量，每个样本的类别
    fractions: (f_train, f_val, f_test)，加起来等于 1 的浮点数，
        例如 (0.7, 0.15, 0.15)
    seed: int；同样的种子必须给出同样的划分，换一个种子（几乎总是）
        给出另一种划分
返回 (train_idx, val_idx, test_idx)：三个由样本下标组成的一维 int64
张量。0 … N−1 的每个下标恰好出现在其中一个里。

规则：在每个类别内部打乱（数据可能是排好序的），用以 `seed` 为种子的
torch.Generator；不要动全局随机状态。不要用 scikit-learn 的
train_test_split。不要修改 labels。

例子（类别 0 和类别 1 各 10 个样本，按 60/20/20 划分）：
    >>> labels = torch.tensor([0] * 10 + [1] * 10)
    >>> tr, va, te = stratified_split(labels, (0.6, 0.2, 0.2), seed=0)
    >>> len(tr), len(va), len(te), int(labels[va].sum())
    (12, 4, 4, 2)
"""

import torch


def stratified_split(labels: torch.Tensor, fractions: tuple, seed: int
                     ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：把每个类别分别打乱并切分")
