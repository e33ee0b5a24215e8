# expect: divide with /, not //
# expect-zh: 要用 / 除，而不是 //
import math
def effective_batch(b, p, a=1):
    return b * p * a
def scaled_lr(base_lr, base_batch, b, p, a=1, rule="linear"):
    k = effective_batch(b, p, a) // base_batch
    if rule == "linear":
        return base_lr * k
    if rule == "sqrt":
        return base_lr * math.sqrt(k)
    raise ValueError(rule)
