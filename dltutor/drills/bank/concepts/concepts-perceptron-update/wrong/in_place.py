# expect: changed w in place
# expect-zh: 原地修改了 w
def update(w, b, x_i, y_i, lr):
    y = 1.0 if float(x_i @ w + b) >= 0 else 0.0
    w += lr * (y_i - y) * x_i
    return w, b + lr * (y_i - y)
