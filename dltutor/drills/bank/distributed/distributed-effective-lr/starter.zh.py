"""有效批量大小（effective batch size）与学习率缩放规则。

任务：编写两个函数。

effective_batch(batch_per_process, processes, accumulation=1) -> int
    优化器走一步要对多少个样本取平均：
    batch_per_process × processes × accumulation

scaled_lr(base_lr, base_batch, batch_per_process, processes,
          accumulation=1, rule="linear") -> float
    新设置下的学习率；已知 base_lr 是在批量为 base_batch 时调好的。
    记 k = 有效批量 / base_batch：
        rule "linear": base_lr × k   （Goyal 等人，2017）
        rule "sqrt":   base_lr × √k

类型：批量大小、进程数、累积步数都是 >= 1 的 int；base_lr 是 float。
其他任何 rule 都抛出 ValueError。

例子（lr 0.1 是在批量 256 时调好的；8 块 GPU × 64 个样本）：
    >>> effective_batch(64, 8)
    512
    >>> scaled_lr(0.1, 256, 64, 8)
    0.2
"""

import math


def effective_batch(batch_per_process: int, processes: int,
                    accumulation: int = 1) -> int:
    raise NotImplementedError("TODO：每个优化器步骤用到的样本数")


def scaled_lr(base_lr: float, base_batch: int, batch_per_process: int,
              processes: int, accumulation: int = 1,
              rule: str = "linear") -> float:
    raise NotImplementedError("TODO：按 k 或 k 的平方根缩放")
