# expect: multiply by the accumulation steps too
# expect-zh: 还要乘以累积步数
import math


def effective_batch(batch_per_process, processes, accumulation=1):
    return batch_per_process * processes


def scaled_lr(base_lr, base_batch, batch_per_process, processes,
              accumulation=1, rule="linear"):
    k = effective_batch(batch_per_process, processes) / base_batch
    if rule == "linear":
        return base_lr * k
    if rule == "sqrt":
        return base_lr * math.sqrt(k)
    raise ValueError(rule)
