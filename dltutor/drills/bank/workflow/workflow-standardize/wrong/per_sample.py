# expect: one per feature
# expect-zh: 每个特征一个值
import torch


def fit_standardizer(x_train):
    std = x_train.std(1, correction=0)
    return x_train.mean(1), torch.where(std == 0, torch.ones_like(std), std)


def standardize(x, mean, std):
    return (x - mean) / std


def standardize_split(x_train, x_test):
    mean, std = fit_standardizer(x_train)
    return standardize(x_train, mean, std), standardize(x_test, mean, std)
