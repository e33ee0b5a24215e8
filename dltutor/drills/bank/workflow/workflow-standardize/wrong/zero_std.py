# expect: constant feature
# expect-zh: 常数特征的 std 为 0
def fit_standardizer(x_train):
    return x_train.mean(0), x_train.std(0, correction=0)


def standardize(x, mean, std):
    return (x - mean) / std


def standardize_split(x_train, x_test):
    mean, std = fit_standardizer(x_train)
    return standardize(x_train, mean, std), standardize(x_test, mean, std)
