# expect: every rank must hold the same averaged gradient
# expect-zh: 每个进程都必须拿到同一个平均梯度
def average_gradients(rank_grads):
    return [[g.clone() for g in grads] for grads in rank_grads]
