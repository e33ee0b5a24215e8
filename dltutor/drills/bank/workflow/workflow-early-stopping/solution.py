"""Early stopping with patience: reference solution."""


class EarlyStopping:
    def __init__(self, patience: int):
        self.patience = patience
        self.best = float("inf")     # any real loss improves on this
        self.best_epoch = 0
        self.epoch = 0
        self.waited = 0              # epochs in a row without improvement

    def step(self, val_loss: float) -> bool:
        self.epoch += 1              # the first call is epoch 1
        # Strictly lower only; NaN < x is False, so NaN never improves.
        if val_loss < self.best:
            self.best, self.best_epoch = val_loss, self.epoch
            self.waited = 0          # patience counts IN A ROW
        else:
            self.waited += 1
        return self.waited >= self.patience
