"""只在训练数据上拟合的标准化：参考答案。"""

import torch


def fit_standardizer(x_train: torch.Tensor
                     ) -> tuple[torch.Tensor, torch.Tensor]:
    # 沿样本维度（dim 0）归约：每个特征一个均值、一个标准差。
    mean = x_train.mean(dim=0)
    std = x_train.std(dim=0, correction=0)   # 1/N，与 StandardScaler 一致
    # 常数特征的标准差为 0；改用 1，这样它保持原样不缩放，
    # 而不会变成 NaN 或 inf。
    std = torch.where(std == 0, torch.ones_like(std), std)
    return mean, std


def standardize(x: torch.Tensor, mean: torch.Tensor,
                std: torch.Tensor) -> torch.Tensor:
    # [M, D] 减去 [D]，沿各行广播；返回一个新张量。
    return (x - mean) / std


def standardize_split(x_train: torch.Tensor, x_test: torch.Tensor
                      ) -> tuple[torch.Tensor, torch.Tensor]:
    # 统计量只来自训练集：测试集必须保持“没见过”。
    mean, std = fit_standardizer(x_train)
    return standardize(x_train, mean, std), standardize(x_test, mean, std)
