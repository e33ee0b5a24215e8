# expect: the square root is of k only
# expect-zh: 平方根只对 k 取
import math
def effective_batch(b, p, a=1):
    return b * p * a
def scaled_lr(base_lr, base_batch, b, p, a=1, rule="linear"):
    k = effective_batch(b, p, a) / base_batch
    if rule == "linear":
        return base_lr * k
    return math.sqrt(base_lr * k)
