# expect: correction=0
# expect-zh: 要用除以 N 的总体标准差
import torch


def fit_standardizer(x_train):
    std = x_train.std(0)
    return x_train.mean(0), torch.where(std == 0, torch.ones_like(std), std)


def standardize(x, mean, std):
    return (x - mean) / std


def standardize_split(x_train, x_test):
    mean, std = fit_standardizer(x_train)
    return standardize(x_train, mean, std), standardize(x_test, mean, std)
