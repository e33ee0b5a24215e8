"""标准化（standardisation），只在训练数据上拟合。

任务：编写三个函数。

    fit_standardizer(x_train) -> (mean, std)
        在 x_train 上测出每个特征（每一列）的 μ 和 σ。σ 是总体标准差
        （除以 N，和 scikit-learn 的 StandardScaler 一样）。常数特征的
        σ = 0：这时改为返回 1。
    standardize(x, mean, std) -> (x − mean) / std
    standardize_split(x_train, x_test) -> (x_train_std, x_test_std)
        只在 x_train 上拟合，再用这组 μ、σ 标准化两个数据集。

形状（同一 dtype 的浮点张量）：
    x_train: [N, D]（N 个样本，D 个特征）；  x_test, x: [M, D]
    mean, std: [D]；  结果的形状与各自的输入相同

规则：绝不在测试数据上拟合；常数特征不能得到 NaN 或 inf；不要修改
输入。

例子（课上的例子：训练值为 2、6、2、6）：
    >>> x_train = torch.tensor([[2.], [6.], [2.], [6.]])
    >>> fit_standardizer(x_train)
    (tensor([4.]), tensor([2.]))
    >>> standardize_split(x_train, torch.tensor([[9.]]))[1]
    tensor([[2.5000]])
"""

import torch


def fit_standardizer(x_train: torch.Tensor
                     ) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：每个特征的均值和标准差")


def standardize(x: torch.Tensor, mean: torch.Tensor,
                std: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：(x - mean) / std")


def standardize_split(x_train: torch.Tensor, x_test: torch.Tensor
                      ) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：只在训练集上拟合，再用到两个集合上")
