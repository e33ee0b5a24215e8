# expect: update the bias
# expect-zh: 偏置也要更新
def update(w, b, x_i, y_i, lr):
    y = 1.0 if float(x_i @ w + b) >= 0 else 0.0
    return w + lr * (y_i - y) * x_i, b
