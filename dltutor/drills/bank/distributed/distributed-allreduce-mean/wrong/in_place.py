# expect: changed
# expect-zh: 原地修改了
def average_gradients(rank_grads):
    world = len(rank_grads)
    for k in range(len(rank_grads[0])):
        for grads in rank_grads[1:]:
            rank_grads[0][k] += grads[k]
        rank_grads[0][k] /= world
    return [list(rank_grads[0]) for _ in rank_grads]
