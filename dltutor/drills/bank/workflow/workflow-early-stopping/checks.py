"""Hidden checks for workflow-early-stopping: sequences of losses against a reference."""

import math

from dltutor.drills.expect import fail
from dltutor.i18n import _


def _reference(losses, patience):
    """(stop decisions, best_epoch after each call) of the reference rule."""
    best, best_epoch, waited, stops, bests = math.inf, 0, 0, [], []
    for epoch, v in enumerate(losses, 1):
        if v < best:
            best, best_epoch, waited = v, epoch, 0
        else:
            waited += 1
        stops.append(waited >= patience)
        bests.append(best_epoch)
    return stops, bests


def _variant_stops(losses, patience, *, strict=True, reset=True, offset=0):
    best, waited, stops = math.inf, 0, []
    for v in losses:
        if v < best or (not strict and v <= best):
            best = v
            if reset:
                waited = 0
        else:
            waited += 1
        stops.append(waited >= patience + offset)
    return stops


def _run(m, losses, patience, case):
    cls = getattr(m, "EarlyStopping", None)
    if not isinstance(cls, type):
        fail(case, _("a class EarlyStopping"), repr(cls), _("class EarlyStopping: with __init__(self, patience)"))
    es = cls(patience)
    if getattr(es, "best_epoch", None) != 0:
        fail(case, _("best_epoch = 0 before the first step"), f"best_epoch = {getattr(es, 'best_epoch', None)!r}",
             _("set self.best_epoch = 0 in __init__"))
    stops, bests = _reference(losses, patience)
    got_stops = []
    for epoch, (v, stop, best) in enumerate(zip(losses, stops, bests), 1):
        got = es.step(v)
        got_stops.append(got)
        here = _("{case}; step {epoch} (val_loss = {value})").format(case=case, epoch=epoch, value=v)
        if not isinstance(got, bool):
            fail(here, _("{value} (a bool)").format(value=stop), f"{type(got).__name__} {got!r}",
                 _("return True or False"))
        if got != stop:
            tips = []
            if got_stops == _variant_stops(losses[:epoch], patience, offset=1) or \
                    got_stops == _variant_stops(losses[:epoch], patience, offset=-1):
                tips.append(_("patience off by one: stop when the count of epochs without improvement REACHES "
                            "patience (waited >= patience)"))
            if got_stops == _variant_stops(losses[:epoch], patience, reset=False):
                tips.append(_("reset the count to 0 when the loss improves: patience counts epochs in a row"))
            if got_stops == _variant_stops(losses[:epoch], patience, strict=False):
                tips.append(_("an equal loss is not an improvement: compare with <, not <="))
            fail(here, _("step returns {value}").format(value=stop), f"{got}",
                 tips[0] if tips else _("stop when `patience` epochs in a row did not improve on the best loss"))
        got_best = getattr(es, "best_epoch", None)
        if got_best != best:
            if got_best == best - 1:
                tip = _("epochs are numbered from 1: the first call of step is epoch 1")
            elif v == min(losses[:epoch]) and got_best == epoch and best != epoch:
                tip = _("an equal loss is not an improvement: keep the earlier epoch (compare with <)")
            else:
                tip = _("best_epoch is the epoch of the lowest loss so far")
            fail(here, f"best_epoch = {best}", f"best_epoch = {got_best!r}", tip)
        if got:
            return


def check_lesson_table(m):
    _run(m, [0.80, 0.52, 0.41, 0.38, 0.39, 0.37, 0.40, 0.42], 2, _("the lesson's table, patience 2"))


def check_patience_one(m):
    _run(m, [1.0, 0.9, 0.95], 1, _("losses 1.0, 0.9, 0.95 with patience 1"))


def check_counter_resets(m):
    _run(m, [1.0, 1.1, 1.2, 0.9, 1.0, 1.1, 0.8, 0.85, 0.9, 0.95], 3,
         _("patience 3, improvements at epochs 4 and 7 (the count must restart)"))


def check_equal_is_not_better(m):
    _run(m, [0.5, 0.5, 0.5, 0.5], 3, _("the same loss 0.5 four times, patience 3"))


def check_nan_never_improves(m):
    _run(m, [0.7, float("nan"), float("nan")], 2, _("losses 0.7, NaN, NaN (training blew up), patience 2"))


def check_always_improving(m):
    _run(m, [1.0 / k for k in range(1, 21)], 2, _("20 epochs that all improve, patience 2 (never stop)"))
