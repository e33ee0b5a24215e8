# expect: every rank must hold the same averaged gradient
def average_gradients(rank_grads):
    return [[g.clone() for g in grads] for grads in rank_grads]
