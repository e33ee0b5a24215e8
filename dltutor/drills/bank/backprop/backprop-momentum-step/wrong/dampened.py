# expect: (1 − μ)
# expect-zh: g 前面不要乘 (1 − μ)
def momentum_step(p, g, v, lr, mu):
    v = mu * v + (1 - mu) * g
    return p - lr * v, v
