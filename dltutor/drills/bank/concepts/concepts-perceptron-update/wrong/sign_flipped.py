# expect: (t − y)
# expect-zh: 会把权重推向错误的方向
def update(w, b, x_i, y_i, lr):
    y = 1.0 if float(x_i @ w + b) >= 0 else 0.0
    return w + lr * (y - y_i) * x_i, b + lr * (y - y_i)
