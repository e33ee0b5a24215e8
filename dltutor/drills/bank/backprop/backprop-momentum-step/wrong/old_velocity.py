# expect: step with the new velocity
def momentum_step(p, g, v, lr, mu):
    p = p - lr * v
    v = mu * v + g
    return p, v
