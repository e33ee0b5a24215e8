"""带耐心值（patience）的早停（early stopping）。

任务：编写类 EarlyStopping(patience)：

    es = EarlyStopping(patience=2)
    for epoch in range(1, 101):
        ...训练一轮，算出 val_loss...
        if es.step(val_loss):       # True 表示：现在停止
            break
    # es.best_epoch：应该保留其权重的那一轮

规则：
- 轮次从 1 开始编号：第一次调用 step 是第 1 轮。
- 损失严格低于目前最好的损失时，才算改进。
- 连续 `patience` 轮都没有超过最好值时，step(val_loss) 返回 True；
  否则返回 False。一次改进会让计数清零。
- best_epoch 是目前最好（最低）损失所在的轮次；第一次 step 之前为 0。
  NaN 损失永远不算改进。

类型：patience 是 ≥ 1 的 int；val_loss 是 Python float；step 返回
bool；best_epoch 是 int。

例子（课上的表格，patience 为 2）：
    >>> es = EarlyStopping(patience=2)
    >>> losses = [0.80, 0.52, 0.41, 0.38, 0.39, 0.37, 0.40, 0.42]
    >>> [es.step(v) for v in losses]
    [False, False, False, False, False, False, False, True]
    >>> es.best_epoch
    6
"""


class EarlyStopping:
    def __init__(self, patience: int):
        raise NotImplementedError("TODO：最佳损失、最佳轮次、计数器")

    def step(self, val_loss: float) -> bool:
        raise NotImplementedError("TODO：更新状态；耐心耗尽时返回 True")
