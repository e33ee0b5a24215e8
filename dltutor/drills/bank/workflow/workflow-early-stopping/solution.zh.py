"""带耐心值（patience）的早停：参考答案。"""


class EarlyStopping:
    def __init__(self, patience: int):
        self.patience = patience
        self.best = float("inf")     # 任何真实的损失都比它小
        self.best_epoch = 0
        self.epoch = 0
        self.waited = 0              # 连续没有改进的轮数

    def step(self, val_loss: float) -> bool:
        self.epoch += 1              # 第一次调用是第 1 轮
        # 只有严格更低才算改进；NaN < x 为 False，所以 NaN 永远不算改进。
        if val_loss < self.best:
            self.best, self.best_epoch = val_loss, self.epoch
            self.waited = 0          # 耐心值数的是“连续”的轮数
        else:
            self.waited += 1
        return self.waited >= self.patience
