"""distributed-effective-lr 的参考答案。"""

import math


def effective_batch(batch_per_process: int, processes: int,
                    accumulation: int = 1) -> int:
    # 每个进程、每个累积的微批量，都把自己的样本加进这一步
    # 唯一的那个平均梯度里。
    return batch_per_process * processes * accumulation


def scaled_lr(base_lr: float, base_batch: int, batch_per_process: int,
              processes: int, accumulation: int = 1,
              rule: str = "linear") -> float:
    k = effective_batch(batch_per_process, processes,
                        accumulation) / base_batch
    if rule == "linear":
        return base_lr * k
    if rule == "sqrt":
        return base_lr * math.sqrt(k)
    raise ValueError(f"unknown rule {rule!r}; use 'linear' or 'sqrt'")
