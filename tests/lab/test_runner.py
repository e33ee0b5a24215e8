"""The runner every exercise shares: NaN lesson, stop flag, device errors, bad params, seeding, threads."""

import threading
import time

import pytest
import torch

from dltutor.lab.exercise import BadParams, parse_params, run
from dltutor.lab.registry import get_exercise
from tests.lab.stream import collect, series


def test_exploding_loss_ends_with_a_lesson_naming_the_learning_rate():
    events = collect("activations", lr=1000.0, epochs=1, report_every=1)
    failed = events[-1]
    assert failed.event == "failed" and failed.step is not None and failed.step >= 1
    assert "Learning rate 1000 is too high" in failed.reason and "default is 0.05" in failed.reason
    assert f"step {failed.step}" in failed.reason
    assert [e.event for e in events].count("finished") == 0
    assert [r.knob for r in failed.remedies] == ["lr"], "activations has no clip knob, so no clipping advice"
    assert failed.remedies[0].action == "lower" and failed.remedies[0].value == 0.05


def test_divergence_advice_names_clipping_only_where_it_is_off_or_loose():
    from dltutor.lab.exercise import divergence_remedies

    rnn = get_exercise("rnn")
    assert [r.knob for r in divergence_remedies(rnn, parse_params(rnn, {"lr": 5.0, "clip": 0}))] == ["lr", "clip"]
    assert [r.knob for r in divergence_remedies(rnn, parse_params(rnn, {"lr": 5.0}))] == ["lr"], "clip=1 already"


def test_failure_advice_is_data_that_each_face_words_in_its_own_terms():
    """The lab's reason names no flag; the shell names flags, the app names form fields (issue 13)."""
    from dltutor.cli.train import remedy_phrase as shell
    from dltutor.lab.events import Failed, Remedy, failure_text
    from dltutor.tui.screens.lab import remedy_phrase as app

    failed = Failed("rnn", "The loss became nan at step 7: training diverged.", 7,
                    (Remedy("lr", "lower", 0.03), Remedy("clip", "set", 1.0)))
    assert failure_text(failed, shell).endswith("Lower --lr (try --lr 0.03) or use --set clip=1, then run again.")
    in_app = failure_text(failed, app)
    assert in_app.endswith("Lower the lr field (try 0.03) or set the clip field to 1, then run again.")
    assert "--" not in in_app
    events = collect("activations", lr=1000.0, epochs=1, report_every=1)
    assert "--" not in events[-1].reason and "--" not in failure_text(events[-1], app)


def test_stop_flag_from_another_thread_ends_the_run_within_a_second():
    stop = threading.Event()
    stopped_at = None
    events = []
    for event in run(get_exercise("cnn"), {"epochs": 50, "report_every": 1}, device="cpu", stop=stop):
        events.append(event)
        if event.event == "step" and stopped_at is None:
            timer = threading.Timer(0.2, stop.set)
            timer.start()
            timer.join()
            stopped_at = time.perf_counter()
    assert time.perf_counter() - stopped_at < 1.0
    done = events[-1]
    assert done.event == "finished" and done.stopped and not done.target_met
    assert done.steps < 50 * 23


def test_an_absent_device_fails_with_a_clear_message():
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    events = list(run(get_exercise("concepts"), {}, device="cuda"))
    assert [e.event for e in events] == ["failed"]
    assert "no CUDA GPU is available" in events[0].reason and "--device cpu" in events[0].reason
    assert "not a device" in list(run(get_exercise("concepts"), {}, device="gpu0"))[0].reason


def test_bad_hyperparameters_name_the_valid_ones():
    exercise = get_exercise("concepts")
    with pytest.raises(BadParams, match=r"unknown hyperparameter 'hiden'.*hidden \(default 16\)"):
        parse_params(exercise, {"hiden": 3})
    with pytest.raises(BadParams, match=r"activation='swish'.*hidden activation"):
        parse_params(exercise, {"activation": "swish"})
    assert parse_params(exercise, {"lr": "0.5", "epochs": "3"}).lr == 0.5  # strings from --set are converted


def test_same_seed_same_run_on_cpu_and_another_seed_differs():
    params = {"epochs": 40, "eval_every": 20, "grid": 5}
    a, b, c = (list(run(get_exercise("concepts"), params, device="cpu", seed=s)) for s in (1, 1, 2))
    assert series(a, "loss/xor/mlp") == series(b, "loss/xor/mlp")
    assert a[-1].metrics == b[-1].metrics
    assert series(a, "loss/xor/mlp") != series(c, "loss/xor/mlp")


def test_cpu_thread_cap_applies_during_the_run_only():
    before = torch.get_num_threads()
    seen = []
    for event in run(get_exercise("concepts"), {"epochs": 20, "eval_every": 10, "grid": 5}, device="cpu"):
        seen.append(torch.get_num_threads())
    assert seen[1] == 1 and torch.get_num_threads() == before
