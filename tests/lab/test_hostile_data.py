"""Data files as they arrive in real life (failed and interrupted downloads, other data sets, tiny subsets):
every problem is a DataError naming the file, and `dltutor train` ends with a strict-JSON `failed` event."""

import dataclasses
import gzip
import json
import os
import struct
import sys

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dltutor.cli import app
from dltutor.lab import data
from dltutor.lab.data import DataError, read_idx
from tests.lab.test_data import _write_idx, _write_mnist

runner = CliRunner()
FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
HTML = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>try again</body></html>\n"


def strict_lines(output: str) -> list[dict]:
    """Every stdout line parsed as strict JSON (NaN/Infinity refused)."""
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    return [json.loads(line, parse_constant=refuse) for line in output.strip().splitlines()]


def train_json(folder, *extra) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["train", "cnn", "--dataset", "mnist", "--data-dir", str(folder), "--json",
                                 "--no-save", "--epochs", "1", *extra])
    return result.exit_code, strict_lines(result.stdout)


# ---- one reader, many broken files ------------------------------------------------------------------

def idx_bytes(values: torch.Tensor) -> bytes:
    header = struct.pack(">I", 0x0800 + values.ndim) + b"".join(struct.pack(">I", s) for s in values.shape)
    return header + values.to(torch.uint8).numpy().tobytes()


GOOD = idx_bytes(torch.arange(2 * 28 * 28).reshape(2, 28, 28) % 256)


@pytest.mark.parametrize("name,content,message", [
    ("html.gz", HTML, "web page, probably an error page saved by a failed download"),
    ("html", HTML, "web page"),
    ("empty.gz", b"", "it is empty"),
    ("empty", b"", "it is empty"),
    ("cut.gz", gzip.compress(GOOD)[:40], "gzip data is cut short"),
    ("cut", GOOD[:1000], "is cut short: its header says 2×28×28 = 1,568 values, the file holds 984"),
    ("header-cut", GOOD[:9], "ends inside its header"),
    ("padded", GOOD + b"\0" * 7, "has extra bytes at the end"),
    ("floats", b"\0\0\x0d\x01\0\0\0\x01abcd", "not an IDX file of unsigned bytes"),
    ("zip.gz", b"PK\x03\x04" + b"\0" * 30, "not a gzip file (it starts with bytes 50 4b 03 04)"),
    ("damaged.gz", gzip.compress(GOOD)[:10] + b"\xff" * 50, "damaged gzip data"),
])
def test_every_broken_idx_file_is_a_data_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_idx(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sizes_are_refused_before_anything_is_allocated(tmp_path):
    big = tmp_path / "big"
    big.write_bytes(GOOD)
    with pytest.raises(DataError, match="too big for an MNIST-style file"):
        read_idx(big, max_bytes=100)
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 5_000_000))  # 5 MB of zeros packs into ~5 kB
    with pytest.raises(DataError, match="unpacks to more than 1,000,000 bytes"):
        read_idx(bomb, max_bytes=1_000_000)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(lambda b: GOOD[:8] + b),
                         # headers whose sizes multiply to 0 (0×28×28): no bytes follow
                         st.lists(st.integers(0, 3), min_size=1, max_size=4).map(
                             lambda dims: bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims)),
                         st.integers(0, len(GOOD)).map(lambda n: GOOD[:n])),
       compress=st.booleans(), cut=st.integers(0, 200))
def test_any_bytes_give_a_tensor_or_a_data_error(tmp_path, content, compress, cut):
    path = tmp_path / ("x.gz" if compress else "x")
    packed = gzip.compress(content) if compress else content
    path.write_bytes(packed[:len(packed) - cut] if compress and cut < len(packed) else packed)
    try:
        values = read_idx(path)
    except DataError as exc:
        assert str(path) in str(exc)
    else:
        assert values.dtype == torch.uint8


@pytest.mark.parametrize("problem,message", [
    ("labels above 9", "labels run from 0 to 26, but mnist has 10 classes (0–9)"),
    ("32×32 images", "images have shape (6, 32, 32), but mnist images are N×28×28"),
    ("fewer labels", "6 images but labels of shape (5,)"),
    ("no images", "the files hold no images (their headers say 0)"),
])
def test_files_from_another_data_set_are_named(tmp_path, problem, message):
    _write_mnist(tmp_path)
    if problem == "labels above 9":
        _write_idx(tmp_path / "train-labels-idx1-ubyte", torch.tensor([0, 3, 9, 10, 26, 4]))
    elif problem == "32×32 images":
        _write_idx(tmp_path / "train-images-idx3-ubyte", torch.zeros(6, 32, 32))
    elif problem == "no images":
        _write_idx(tmp_path / "train-images-idx3-ubyte", torch.zeros(0, 28, 28))
        _write_idx(tmp_path / "train-labels-idx1-ubyte", torch.zeros(0))
    else:
        _write_idx(tmp_path / "train-labels-idx1-ubyte", torch.arange(5))
    with pytest.raises(DataError, match="train-"):
        data.mnist(tmp_path)
    with pytest.raises(DataError) as caught:
        data.mnist(tmp_path)
    assert message in str(caught.value)


@pytest.mark.parametrize("fractions,n", [((0.8, 0.2), 4), ((0.7, 0.15, 0.15), 10), ((0.7, 0.15, 0.15), 20)])
def test_too_few_examples_to_split_is_a_data_error(fractions, n):
    with pytest.raises(DataError, match=r"too few to split .* part would be empty; use at least \d+ examples"):
        data.stratified_split(torch.arange(n) % 10, fractions)


# ---- the four runs, end to end -----------------------------------------------------------------

def _broken_download(folder, kind):
    _write_mnist(folder, n_train=30, n_test=10, compress=True)
    for name in FILES:
        path = folder / f"{name}.gz"
        path.write_bytes(HTML if kind == "html" else path.read_bytes()[:path.stat().st_size // 2])


@pytest.mark.parametrize("case,message", [
    ("html", "not a gzip file (it is a web page"),
    ("truncated", "gzip data is cut short (an interrupted download?)"),
    ("emnist", "labels run from"),
    ("tiny", "too few to split"),
])
def test_train_on_broken_mnist_ends_with_a_strict_json_failed_event(tmp_path, case, message):
    if case in ("html", "truncated"):
        _broken_download(tmp_path, case)
    elif case == "emnist":
        _write_mnist(tmp_path, n_train=30, n_test=10)
        _write_idx(tmp_path / "t10k-labels-idx1-ubyte", torch.arange(10) + 1)
    else:
        _write_mnist(tmp_path, n_train=3, n_test=2)
    code, events = train_json(tmp_path)
    assert code == 1
    assert events[0]["event"] == "started" and events[-1]["event"] == "failed"
    assert message in events[-1]["reason"] and str(tmp_path) in events[-1]["reason"] or case == "tiny"
    table = runner.invoke(app, ["train", "cnn", "--dataset", "mnist", "--data-dir", str(tmp_path), "--no-save"])
    assert table.exit_code == 1 and "Traceback" not in table.output and message in " ".join(table.output.split())


def test_nan_in_events_is_written_as_null():
    from dltutor.lab.events import Finished, to_dict
    from dltutor.strict_json import dumps

    event = Finished("x", {"acc": float("nan"), "loss": float("inf"), "ok": 1.0}, False, "t", 1.0, 1, 1.0)
    assert json.loads(dumps(to_dict(event)))["metrics"] == {"acc": None, "loss": None, "ok": 1.0}


def test_a_bug_in_an_exercise_still_ends_the_stream_with_failed():
    from dltutor.lab import registry
    from dltutor.lab.exercise import run

    exercise = registry.get_exercise("concepts")

    def broken(ctx):
        yield from ()
        raise IndexError("list index out of range")

    events = list(run(dataclasses.replace(exercise, train=broken), {"epochs": 1}))
    assert events[-1].event == "failed"
    assert "IndexError: list index out of range" in events[-1].reason and "bug in dltutor" in events[-1].reason


# ---- the device's reason, and a missed target that teaches ------------------------------------------------

def test_auto_device_reports_why_it_was_chosen():
    result = runner.invoke(app, ["train", "concepts", "--epochs", "1", "--json", "--no-save"])
    started = strict_lines(result.stdout)[0]
    assert started["device"]["reason"] != "asked for" and "found" in started["device"]["reason"]
    asked = runner.invoke(app, ["train", "concepts", "--epochs", "1", "--json", "--no-save", "--device", "cpu"])
    assert strict_lines(asked.stdout)[0]["device"]["reason"] == "asked for"


def test_missed_target_names_each_failed_criterion_and_the_changed_hyperparameters():
    result = runner.invoke(app, ["train", "concepts", "--lr", "1e6", "--epochs", "50", "--no-save",
                                 "--set", "eval_every=25", "--set", "grid=5"], terminal_width=200)
    assert result.exit_code == 1, result.output
    assert "not met ✗" in result.output and "needs ≥ 0.97" in result.output
    assert "lr 1e+06 is 3.3×10⁷ times the default 0.03" in result.output
    assert "epochs 50 is 0.125 times the default 400" in result.output
    events = strict_lines(runner.invoke(app, ["train", "concepts", "--lr", "1e6", "--epochs", "50", "--json",
                                              "--no-save", "--set", "eval_every=25", "--set", "grid=5"]).stdout)
    finished = events[-1]
    assert finished["missed"] and all("needs" in m for m in finished["missed"])
    assert finished["changed"][0].startswith("lr 1e+06")


def test_goals_and_changes_in_words():
    from dltutor.lab.goals import Goal, _ratio, changes, verdict

    goals = [Goal("acc", ">=", 0.97), Goal("loss", "<", 0.1), Goal("never", "<=", 1)]
    met, missed = verdict({"acc": 0.5, "loss": 0.05, "never": float("nan")}, goals)
    assert not met and missed == ["acc = 0.5, needs ≥ 0.97",
                                  "never was not measured (the run ended before it was evaluated); needs ≤ 1"]
    assert verdict({"acc": 1.0, "loss": 0.0, "never": 0}, goals) == (True, [])

    class P:
        lr, epochs, act, flag = 1e6, 400, "tanh", True

    assert changes(P(), {"lr": 0.01, "epochs": 400, "act": "relu", "flag": False}) == [
        "lr 1e+06 is 10⁸ times the default 0.01", "act tanh (default relu)", "flag True (default False)"]
    assert [_ratio(r) for r in (2, 0.5, 1e-3, 0.0025, 996.0)] == [
        "2 times", "0.5 times", "10⁻³ times", "2.5×10⁻³ times", "10³ times"]


# ---- Windows: nothing POSIX-only on the default path -------------------------------------------------------

def test_device_choice_works_without_posix_calls(monkeypatch):
    from dltutor.lab.device import pick_device

    monkeypatch.delattr(os, "uname", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    choice = pick_device(None)
    assert choice.device.type in ("cpu", "cuda") and "found" in choice.reason


# Sizes that decide how much memory a run allocates; the rest (epochs, steps, *_every, seed) only cost time.
_TIME_ONLY = {"epochs", "steps", "patience", "threads", "seed", "digits_epochs"}


@pytest.mark.parametrize("exercise_id", ["concepts", "activations", "backprop", "cnn", "rnn", "gan", "framework",
                                         "workflow"])
def test_every_size_hyperparameter_has_a_ceiling(exercise_id):
    """`--set hidden=1000000000` allocated 18 GB before training began: every size is bounded by its field."""
    import annotated_types

    from dltutor.lab.registry import get_exercise

    for name, field in get_exercise(exercise_id).Params.model_fields.items():
        if field.annotation is int and name not in _TIME_ONLY and not name.endswith("_every"):
            assert any(isinstance(m, (annotated_types.Le, annotated_types.Lt)) for m in field.metadata), name


def test_a_huge_size_is_refused_before_anything_is_built():
    from dltutor.lab.exercise import BadParams, parse_params
    from dltutor.lab.registry import get_exercise

    with pytest.raises(BadParams, match="less than or equal to 4096"):
        parse_params(get_exercise("concepts"), {"hidden": "1000000000"})


@pytest.mark.parametrize("value", ["inf", "1e999", "Infinity", "+inf"])
def test_an_infinite_hyperparameter_is_refused_before_the_run(value):
    from dltutor.lab.exercise import BadParams, parse_params
    from dltutor.lab.registry import get_exercise

    with pytest.raises(BadParams, match="not a finite number"):
        parse_params(get_exercise("concepts"), {"lr": value})


def test_a_seed_torch_cannot_hold_is_a_usage_error_not_a_traceback():
    result = runner.invoke(app, ["train", "concepts", "--seed", "9" * 23, "--no-save"])
    assert result.exit_code == 2 and "--seed" in result.output and not isinstance(result.exception, ValueError)
