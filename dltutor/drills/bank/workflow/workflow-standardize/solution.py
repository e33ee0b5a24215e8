"""Standardisation fitted on the training data only: reference solution."""

import torch


def fit_standardizer(x_train: torch.Tensor
                     ) -> tuple[torch.Tensor, torch.Tensor]:
    # Reduce over the samples (dim 0): one mean and one std per feature.
    mean = x_train.mean(dim=0)
    std = x_train.std(dim=0, correction=0)   # 1/N, as StandardScaler
    # A constant feature has std 0; use 1 so that it is left unscaled
    # instead of becoming NaN or inf.
    std = torch.where(std == 0, torch.ones_like(std), std)
    return mean, std


def standardize(x: torch.Tensor, mean: torch.Tensor,
                std: torch.Tensor) -> torch.Tensor:
    # [M, D] minus [D] broadcasts over the rows; a new tensor is returned.
    return (x - mean) / std


def standardize_split(x_train: torch.Tensor, x_test: torch.Tensor
                      ) -> tuple[torch.Tensor, torch.Tensor]:
    # Statistics from the training set only: the test set must stay unseen.
    mean, std = fit_standardizer(x_train)
    return standardize(x_train, mean, std), standardize(x_test, mean, std)
