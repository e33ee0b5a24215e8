import torch

from dltutor.lab.data import digits, stratified_split
from tests.lab.stream import check_shape, collect, samples, series


def test_workflow_early_stops_restores_best_and_tests_once():
    events = collect("workflow", epochs=6, patience=2, report_every=5)
    done = check_shape(events, "workflow").metrics
    assert series(events, "loss/train")[-1] < 0.7 * series(events, "loss/train")[0]
    epochs = [e.metrics for e in events if e.event == "epoch"]
    best = min(range(len(epochs)), key=lambda i: epochs[i]["val_loss"]) + 1
    assert done["best_epoch"] == best == epochs[-1]["best_epoch"]
    assert done["epochs_run"] == len(epochs) and (len(epochs) == 6 or len(epochs) - best == 2)
    confusion = [e for e in events if e.event == "sample"]
    assert len(confusion) == 1 and confusion[0].kind == "confusion"  # the test set is looked at once, at the end
    matrix = torch.tensor(confusion[0].data["matrix"])
    test_size = len(stratified_split(digits().y, (0.7, 0.15, 0.15), seed=0)[2])
    assert matrix.shape == (10, 10) and matrix.sum() == test_size and 265 <= test_size <= 275  # 15 % of 1,797
    assert abs(matrix.diag().sum().item() / test_size - done["test_acc"]) < 1e-4
    assert min(confusion[0].data["recall"]) == done["worst_class_recall"]


def test_normaliser_uses_training_statistics_only():
    from dltutor.lab.exercises.workflow import Normaliser

    train, test = torch.full((10, 4), 2.0) + torch.arange(4.0), torch.full((5, 4), 100.0)
    norm = Normaliser(train)
    assert abs(norm(train).mean().item()) < 1e-6
    assert torch.allclose(norm(test), (test - train.mean()) / train.std())
