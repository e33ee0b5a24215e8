# expect: keeps lr out of v
def momentum_step(p, g, v, lr, mu):
    v = mu * v - lr * g
    return p + v, v
