# expect: turn the booleans into numbers
def predict(x, w, b):
    return x @ w + b >= 0
