# expect: turn the booleans into numbers
# expect-zh: 把布尔值转成数值
def predict(x, w, b):
    return x @ w + b >= 0
