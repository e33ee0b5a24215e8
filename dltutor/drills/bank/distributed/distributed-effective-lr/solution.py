"""Reference solution for distributed-effective-lr."""

import math


def effective_batch(batch_per_process: int, processes: int,
                    accumulation: int = 1) -> int:
    # Every process, and every accumulated micro-batch, adds its examples
    # to the one averaged gradient of the step.
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
