import torch

from dltutor.lab.exercises.rnn import BASELINE, adding_batch
from tests.lab.stream import check_shape, collect, samples, series, stopped_at_first_step


def test_adding_batch_marks_one_value_in_each_half_and_sums_them():
    x, y = adding_batch(500, 20, "cpu", torch.Generator().manual_seed(0))
    assert x.shape == (500, 20, 2) and y.shape == (500, 1)
    marks = x[..., 1]
    assert torch.equal(marks[:, :10].sum(1), torch.ones(500)) and torch.equal(marks[:, 10:].sum(1), torch.ones(500))
    assert torch.allclose((x[..., 0] * marks).sum(1, keepdim=True), y)
    assert abs(((y - 1.0) ** 2).mean().item() - BASELINE) < 0.02  # guessing 1.0 scores the baseline


def test_adding_problem_smoke():
    events = collect("rnn", part="adding", seq_len=10, steps=40, eval_every=10, report_every=5, hidden=16,
                     batch_size=32, freeze_below=0)
    done = check_shape(events, "rnn")
    for cell in ("rnn", "lstm", "gru"):
        mse = series(events, f"mse/{cell}")
        assert len(mse) == 9 and 0 < done.metrics[f"test_mse/{cell}"] < 1
    lstm = series(events, "mse/lstm")
    assert sum(lstm[-3:]) < sum(lstm[:3])  # the loss falls (the first steps start far from the baseline)
    (curves,) = samples(events, "curves")
    assert curves.data["step"] == [10, 20, 30, 40] and len(curves.data["lstm"]) == 4
    assert "digits_test_acc" not in done.metrics


def test_adding_part_ends_once_lstm_and_gru_have_converged():
    events = collect("rnn", part="adding", seq_len=4, steps=400, eval_every=10, report_every=10, hidden=16,
                     batch_size=32, freeze_below=0.03)
    done = check_shape(events, "rnn")
    m = done.metrics
    last = max(m["converged_at/lstm"], m["converged_at/gru"])
    assert done.steps == last < 400  # the RNN got as many steps as the slower gated cell needed, no more
    assert m["test_mse/lstm"] < 0.03 and m["test_mse/gru"] < 0.03


def test_digits_row_by_row_smoke():
    events = collect("rnn", part="digits", digits_epochs=2, report_every=5)
    done = check_shape(events, "rnn")
    loss = series(events, "loss/digits_lstm")
    assert loss[-1] < loss[0]
    assert done.metrics["digits_test_acc"] > 0.3 and "test_mse/lstm" not in done.metrics


def test_stop_ends_the_run_early_and_cleanly():
    done = stopped_at_first_step("rnn")[-1]
    assert done.event == "finished" and done.stopped and not done.target_met
    assert done.steps <= 2

