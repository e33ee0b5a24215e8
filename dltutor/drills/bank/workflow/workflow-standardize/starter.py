"""Standardisation (标准化), fitted on the training data only.

Task: write three functions.

    fit_standardizer(x_train) -> (mean, std)
        μ and σ of every feature (column), measured on x_train. σ is the
        population standard deviation (divide by N, as scikit-learn's
        StandardScaler). For a constant feature σ = 0: return 1 instead.
    standardize(x, mean, std) -> (x − mean) / std
    standardize_split(x_train, x_test) -> (x_train_std, x_test_std)
        fit on x_train ONLY, then standardise both sets with those μ, σ.

Shapes (float tensors of one dtype):
    x_train: [N, D] (N samples, D features);  x_test, x: [M, D]
    mean, std: [D];  results have the shape of their input

Rules: never fit on test data; no NaN or inf for constant features; do
not change the inputs.

Example (the lesson's worked example: training values 2, 6, 2, 6):
    >>> x_train = torch.tensor([[2.], [6.], [2.], [6.]])
    >>> fit_standardizer(x_train)
    (tensor([4.]), tensor([2.]))
    >>> standardize_split(x_train, torch.tensor([[9.]]))[1]
    tensor([[2.5000]])
"""

import torch


def fit_standardizer(x_train: torch.Tensor
                     ) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: per-feature mean and std")


def standardize(x: torch.Tensor, mean: torch.Tensor,
                std: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO: (x - mean) / std")


def standardize_split(x_train: torch.Tensor, x_test: torch.Tensor
                      ) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: fit on train only, apply to both")
