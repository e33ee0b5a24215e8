# expect: not along g
def momentum_step(p, g, v, lr, mu):
    v = mu * v + g
    return p - lr * g, v
