"""Early stopping (早停) with patience.

Task: write the class EarlyStopping(patience):

    es = EarlyStopping(patience=2)
    for epoch in range(1, 101):
        ...train one epoch, compute val_loss...
        if es.step(val_loss):       # True means: stop now
            break
    # es.best_epoch: the epoch whose weights to keep

Rules:
- Epochs are numbered from 1: the first call of step is epoch 1.
- The loss improves when it is strictly lower than the best so far.
- step(val_loss) returns True when `patience` epochs IN A ROW have not
  improved on the best; otherwise False. An improvement resets the count.
- best_epoch is the epoch of the best (lowest) loss so far; 0 before the
  first step. A NaN loss never improves.

Types: patience is an int ≥ 1; val_loss a Python float; step returns a
bool; best_epoch is an int.

Example (the lesson's table, patience 2):
    >>> es = EarlyStopping(patience=2)
    >>> losses = [0.80, 0.52, 0.41, 0.38, 0.39, 0.37, 0.40, 0.42]
    >>> [es.step(v) for v in losses]
    [False, False, False, False, False, False, False, True]
    >>> es.best_epoch
    6
"""


class EarlyStopping:
    def __init__(self, patience: int):
        raise NotImplementedError("TODO: best loss, best epoch, counter")

    def step(self, val_loss: float) -> bool:
        raise NotImplementedError("TODO: update; True when patience ends")
