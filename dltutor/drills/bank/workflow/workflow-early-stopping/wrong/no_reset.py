# expect: reset the count
# expect-zh: 要把计数清零
class EarlyStopping:
    def __init__(self, patience):
        self.patience, self.best, self.best_epoch, self.epoch, self.waited = patience, float("inf"), 0, 0, 0

    def step(self, val_loss):
        self.epoch += 1
        if val_loss < self.best:
            self.best, self.best_epoch = val_loss, self.epoch
        else:
            self.waited += 1
        return self.waited >= self.patience
