"""The effective batch size and the learning-rate scaling rules.

Task: write two functions.

effective_batch(batch_per_process, processes, accumulation=1) -> int
    how many examples one optimizer step averages over:
    batch_per_process × processes × accumulation

scaled_lr(base_lr, base_batch, batch_per_process, processes,
          accumulation=1, rule="linear") -> float
    the learning rate for the new setup, given that base_lr was tuned
    at a batch of base_batch. With k = effective batch / base_batch:
        rule "linear": base_lr × k   (Goyal et al., 2017)
        rule "sqrt":   base_lr × √k

Types: batch sizes, processes, accumulation: ints >= 1; base_lr: float.
Any other rule raises ValueError.

Example (lr 0.1 tuned at batch 256; 8 GPUs × 64 examples):
    >>> effective_batch(64, 8)
    512
    >>> scaled_lr(0.1, 256, 64, 8)
    0.2
"""

import math


def effective_batch(batch_per_process: int, processes: int,
                    accumulation: int = 1) -> int:
    raise NotImplementedError("TODO: examples per optimizer step")


def scaled_lr(base_lr: float, base_batch: int, batch_per_process: int,
              processes: int, accumulation: int = 1,
              rule: str = "linear") -> float:
    raise NotImplementedError("TODO: scale by k or by its square root")
