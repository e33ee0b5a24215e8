# expect: patience off by one
# expect-zh: patience 差了一
class EarlyStopping:
    def __init__(self, patience):
        self.patience, self.best, self.best_epoch, self.epoch, self.waited = patience, float("inf"), 0, 0, 0

    def step(self, val_loss):
        self.epoch += 1
        if val_loss < self.best:
            self.best, self.best_epoch, self.waited = val_loss, self.epoch, 0
        else:
            self.waited += 1
        return self.waited > self.patience
