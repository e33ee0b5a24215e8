# expect: only learns from mistakes
# expect-zh: 只从错误中学习
def update(w, b, x_i, y_i, lr):
    return w + lr * y_i * x_i, b + lr * y_i
