# expect: divide the sum by the number of ranks
# expect-zh: 要把总和除以进程数
import torch


def average_gradients(rank_grads):
    sums = [torch.stack([g[k] for g in rank_grads]).sum(0)
            for k in range(len(rank_grads[0]))]
    return [[s.clone() for s in sums] for _ in rank_grads]
