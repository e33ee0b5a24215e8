# expect: keeps lr out of v
# expect-zh: 不把 lr 放进 v
def momentum_step(p, g, v, lr, mu):
    v = mu * v - lr * g
    return p + v, v
