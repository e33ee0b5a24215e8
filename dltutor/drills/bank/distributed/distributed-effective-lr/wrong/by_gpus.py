# expect: not by the number of processes
# expect-zh: 而不是按进程数
import math


def effective_batch(batch_per_process, processes, accumulation=1):
    return batch_per_process * processes * accumulation


def scaled_lr(base_lr, base_batch, batch_per_process, processes,
              accumulation=1, rule="linear"):
    if rule not in ("linear", "sqrt"):
        raise ValueError(rule)
    return base_lr * (processes if rule == "linear"
                      else math.sqrt(processes))
