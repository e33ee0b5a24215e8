"""`dltutor train`: exit codes, --json event lines, the summary, Ctrl-C, recording the run."""

import json
import os
import signal
import threading

import pytest
import torch
from typer.testing import CliRunner

from dltutor.cli import app
from tests.lab.test_data import _write_mnist

runner = CliRunner()
QUICK = ["--set", "eval_every=25", "--set", "grid=5"]


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_json_prints_one_event_per_line_and_exits_0_when_the_target_is_met():
    result = runner.invoke(app, ["train", "concepts", "--epochs", "100", "--json", "--no-save", *QUICK])
    assert result.exit_code == 0, result.output
    events = lines(result.output)
    assert len(events) == len(result.output.strip().splitlines())  # nothing but JSON on stdout
    assert events[0]["event"] == "started" and events[0]["hyperparameters"]["epochs"] == 100
    assert events[-1]["event"] == "finished" and events[-1]["target_met"] is True
    assert {"step", "epoch", "sample"} <= {e["event"] for e in events}


def test_summary_chart_verdict_and_the_run_is_recorded():
    result = runner.invoke(app, ["train", "concepts", "--epochs", "100", "--lr", "0.03", *QUICK])
    assert result.exit_code == 0, result.output
    for text in ("training loss", "accuracy", "verdict", "met ✓", "acc/xor/mlp", "steps/s"):
        assert text in result.output
    from dltutor.progress import open_store

    runs = open_store().runs("concepts")
    assert len(runs) == 1 and runs[0]["target_met"] and runs[0]["exercise"] == "concepts"


def test_target_not_met_exits_1():
    result = runner.invoke(app, ["train", "concepts", "--epochs", "2", "--no-save", "--set", "eval_every=1",
                                 "--set", "grid=5"])
    assert result.exit_code == 1, result.output
    assert "not met ✗" in result.output


def test_params_lists_every_hyperparameter_with_its_default():
    result = runner.invoke(app, ["train", "cnn", "--params", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["channels"]["default"] == 16 and "filters" in rows["channels"]["description"]
    assert {"lr", "epochs", "shift", "pad", "dataset", "data_dir", "threads"} <= set(rows)
    table = runner.invoke(app, ["train", "workflow", "--params"])
    assert table.exit_code == 0 and "patience" in table.output and "--set NAME=VALUE" in table.output


@pytest.mark.parametrize("args,message", [
    (["train", "concpts"], "did you mean 'concepts'"),
    (["train", "concepts", "--set", "hiden=3"], "valid: lr (default 0.03)"),
    (["train", "concepts", "--lr", "-1"], "lr=-1"),
    (["train", "concepts", "--set", "activation"], "KEY=VALUE"),
    (["train", "concepts", "--dataset", "mnist"], "unknown hyperparameter 'dataset'"),
    (["train", "cnn", "--dataset", "svhn"], "dataset='svhn'"),
    (["train", "concepts", "--device", "tpu"], "not a device"),
])
def test_bad_arguments_exit_2_with_one_clear_line(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_absent_cuda_exits_2_and_says_what_to_use():
    result = runner.invoke(app, ["train", "concepts", "--device", "cuda"])
    assert result.exit_code == 2 and "no CUDA GPU is available" in result.output and "--device cpu" in result.output


def test_mnist_from_local_idx_files_and_a_clear_failure_without_them(tmp_path):
    missing = runner.invoke(app, ["train", "workflow", "--dataset", "mnist", "--data-dir", str(tmp_path), "--no-save"])
    assert missing.exit_code == 1 and "mnist files not found" in missing.output
    _write_mnist(tmp_path, n_train=60, n_test=20)
    result = runner.invoke(app, ["train", "workflow", "--dataset", "mnist", "--data-dir", str(tmp_path),
                                 "--epochs", "1", "--json", "--no-save", "--set", "report_every=1"])
    events = lines(result.output)
    assert events[-1]["event"] == "finished", result.output
    assert events[0]["hyperparameters"]["dataset"] == "mnist"
    matrix = next(e for e in events if e["event"] == "sample")["data"]["matrix"]
    assert sum(map(sum, matrix)) == 10  # stratified: 15 % of each class's 8 images rounds to 1


def test_ctrl_c_stops_cleanly_and_shows_what_was_reached(monkeypatch):
    import dltutor.cli.train as train_cli

    real_watch = train_cli.watch

    def watch_then_interrupt(events, *args):
        def interrupting():
            for event in events:
                yield event
                if event.event == "epoch" and event.epoch == 1:  # as if the learner pressed Ctrl-C now
                    threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
        return real_watch(interrupting(), *args)

    monkeypatch.setattr(train_cli, "watch", watch_then_interrupt)
    result = runner.invoke(app, ["train", "cnn", "--no-save"])
    assert result.exit_code == 1, result.output
    assert "stopping" in result.output and "stopped by you" in result.output
    assert "test_acc/cnn" in result.output  # the summary of what was reached
