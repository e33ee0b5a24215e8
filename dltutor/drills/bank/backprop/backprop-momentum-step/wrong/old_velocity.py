# expect: step with the new velocity
# expect-zh: 要用新的速度更新参数
def momentum_step(p, g, v, lr, mu):
    p = p - lr * v
    v = mu * v + g
    return p, v
