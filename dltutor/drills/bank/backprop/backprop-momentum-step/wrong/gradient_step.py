# expect: not along g
# expect-zh: 而不是沿 g
def momentum_step(p, g, v, lr, mu):
    v = mu * v + g
    return p - lr * g, v
