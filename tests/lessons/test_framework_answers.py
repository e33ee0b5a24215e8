"""The framework quiz's answer key, recomputed with PyTorch (and Keras where installed) rather than restated."""

import importlib.util
import warnings

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from tests.lessons.answer_key import COURSE, answer_key_tests, n_params
from tests.lessons.explained_numbers import Derived
from tests.lessons.lesson_code import one_cpu_thread  # noqa: F401 (autouse fixture)
from tests.lessons.lesson_code import block_output

LESSON = COURSE.get("framework")
QUIZ = LESSON.quiz


def side_by_side_model() -> nn.Module:
    """The model the lesson writes in PyTorch and in Keras: 64 → 32 (ReLU) → 10."""
    return nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))


def matmul_flops(m: int, k: int, n: int) -> int:
    """FLOPs of (m×k) @ (k×n) as PyTorch's own flop counter reports them."""
    with FlopCounterMode(display=False) as counter:
        torch.randn(m, k) @ torch.randn(k, n)
    return counter.get_total_flops()


def float32_bytes(*shape: int) -> int:
    x = torch.empty(*shape, dtype=torch.float32)
    return x.numel() * x.element_size()


def quiz_model(bias: bool = True) -> nn.Module:
    """The parameter-count question's model: 20 → 50 (tanh) → 3, a fresh one (not the lesson's)."""
    return nn.Sequential(nn.Linear(20, 50, bias=bias), nn.Tanh(), nn.Linear(50, 3, bias=bias))


RECOMPUTE = {
    "framework-param-count": lambda: n_params(quiz_model()),
    "framework-matmul-flops": lambda: matmul_flops(128, 256, 64),
    "framework-tensor-bytes": lambda: float32_bytes(64, 3, 32, 32),
}


def checked_version() -> float:
    """The installed PyTorch's major.minor, e.g. 2.14: the version the course's dated statements name."""
    return float(".".join(torch.__version__.split(".")[:2]))


# Every number an explanation or hint states beyond the prompt, the wrong paths included: recomputed here,
# or cited (explained_numbers.py).
EXPLAINED = {
    "framework-param-count": {
        "1,050": lambda: n_params(nn.Linear(20, 50)),
        "153": lambda: n_params(nn.Linear(50, 3)),
        "1,203": lambda: n_params(quiz_model()),
        "1,150": lambda: n_params(quiz_model(bias=False)),  # biases forgotten
        "1,253": lambda: n_params(quiz_model()) + 50,  # the tanh given one parameter per unit
    },
    "framework-matmul-flops": {
        "8,192": lambda: 128 * 64,
        "4,194,304": lambda: matmul_flops(128, 256, 64),
        "2,097,152": lambda: matmul_flops(128, 256, 64) / 2,  # multiplications only
        "49,152": lambda: 128 * 256 + 256 * 64,
        "512": lambda: matmul_flops(1, 256, 1),  # one output entry: a dot product of length 256
    },
    "framework-tensor-bytes": {
        "196,608": lambda: torch.empty(64, 3, 32, 32).numel(),
        "786,432": lambda: float32_bytes(64, 3, 32, 32),
        "1,572,864": lambda: torch.empty(64, 3, 32, 32, dtype=torch.float64).nbytes,
        "262,144": lambda: float32_bytes(64, 32, 32),  # channels forgotten
        "0.79": lambda: float32_bytes(64, 3, 32, 32) / 1e6,
        "768": lambda: float32_bytes(64, 3, 32, 32) / 2**10,  # KiB
        "4": lambda: torch.empty(0, dtype=torch.float32).element_size(),
        "8": lambda: torch.empty(0, dtype=torch.float64).element_size(),
    },
    "framework-torchscript": {"2.14": Derived(checked_version, tolerance=1e-9)},
    "framework-gpu-why": {"2": lambda: matmul_flops(3, 5, 7) / (3 * 5 * 7)},  # the 2 of 2·m·n·k
}
PYTORCH_0_4 = "PyTorch 0.4.0 release notes (April 2018): Variable merged into Tensor"
FACTS = {
    "framework-torchscript": {"2025": "PyTorch docs, torch.jit pages: TorchScript deprecated in favour of torch.export "
                                      "(2025)"},
    "framework-levels": {"0.4": PYTORCH_0_4, "2018": PYTORCH_0_4},
    "framework-eager": {"1": "TensorFlow 1.x (graph-and-session API)",
                        "2.0": "TensorFlow 2.0 release, September 2019: eager by default",
                        "2019": "TensorFlow 2.0 release, September 2019: eager by default"},
    "framework-status": {"0.4": PYTORCH_0_4, "2018": PYTORCH_0_4,
                         "2022": "the date of the blog post the statement comes from (dated advice)"},
    "framework-small-gpu": {"100": "peak dense matrix throughput: an H100's BF16 tensor cores about 990 TFLOPS "
                                   "(NVIDIA H100 datasheet) against roughly 1–5 TFLOPS FP32 for a desktop CPU"},
    "framework-choose": {"2022": "the date of the blog post the distractor comes from (dated advice)",
                         "2023": "Apache Attic, MXNet moved to the Attic in 2023 (attic.apache.org)"},
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number in an explanation or hint is given, recomputed or cited.
globals().update(answer_key_tests("framework", RECOMPUTE, explained=EXPLAINED, facts=FACTS))


def test_everyday_snippet_prints_what_its_comments_say():
    assert block_output("framework", "class Squares").splitlines() == ["4 [32, 32, 32, 4]", "False", "True", "True"]


def test_flop_counter_agrees_with_the_2mnk_rule_the_lesson_teaches():
    for m, k, n in [(32, 64, 32), (128, 256, 64), (3, 5, 7)]:
        assert matmul_flops(m, k, n) == 2 * m * n * k


def test_lesson_shows_its_model_in_both_frameworks_and_the_quiz_asks_a_fresh_one():
    """The lesson teaches the count on 64 → 32 → 10 (2,410); the quiz asks the method on new numbers."""
    for layer in ("nn.Linear(64, 32)", "nn.Linear(32, 10)", "Dense(32, activation=\"relu\")", "Dense(10)"):
        assert layer in LESSON.body, layer
    assert n_params(side_by_side_model()) == 2410 and "gives 2,410" in LESSON.body
    q = QUIZ.question("framework-param-count")
    assert "nn.Linear(20, 50)" in q.prompt and "nn.Linear(50, 3)" in q.prompt
    assert f"{q.answer:,.0f}" not in LESSON.body


def test_litert_hint_does_not_spell_the_answer():
    q = QUIZ.question("framework-litert")
    for hint in q.hints:
        assert not any(a.lower().replace(" ", "") in hint.lower().replace(" ", "") for a in q.answer), hint
        assert "runtime" not in hint.lower() or "RT" not in hint, hint


def test_version_bound_statements_name_the_checked_version():
    """Statements true only for the pinned PyTorch name it (pyproject allows older versions)."""
    import inspect

    version = ".".join(torch.__version__.split(".")[:2])
    body = LESSON.body
    assert f"PyTorch {version} (the version this" in body and f"In PyTorch {version},\n  `torch.onnx.export`" in body
    assert f"PyTorch {version} (the version this course was checked with)" in QUIZ.question(
        "framework-torchscript").explanation
    assert inspect.signature(torch.onnx.export).parameters["dynamo"].default is True
    assert "this course's PyTorch" not in body


@pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="needs keras")
def test_keras_counts_the_same_parameters(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    import keras

    model = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(50, activation="tanh"), keras.layers.Dense(3)])
    assert model.count_params() == QUIZ.question("framework-param-count").answer


def test_torchscript_key_matches_installed_pytorch():
    """The key says TorchScript is deprecated: this PyTorch must warn so when it is used."""
    assert QUIZ.question("framework-torchscript").answer is False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.jit.script(nn.Linear(2, 2))
    assert any("deprecated" in str(w.message).lower() for w in caught)


def test_zero_grad_key_gradients_accumulate():
    q = QUIZ.question("framework-zero-grad")
    w = torch.tensor(3.0, requires_grad=True)
    for _ in range(2):
        (2 * w).backward()
    assert w.grad.item() == 4.0  # 2 + 2: added, not overwritten, not cleared
    assert "adds" in q.choices[q.answer]


def test_lesson_prose_numbers():
    """Memory, parameter bytes and FLOP numbers the lesson states in its text."""
    body = " ".join(LESSON.body.split())
    images = torch.empty(32, 3, 224, 224)
    assert images.numel() == 4_816_896 and images.nbytes == 19_267_584
    assert round(images.nbytes / 1e6, 1) == 19.3 and round(images.nbytes / 2**20, 1) == 18.4
    assert "4,816,896 numbers, so 19,267,584 bytes" in body and "about 19.3 MB (18.4 MiB)" in body
    assert n_params(side_by_side_model()) * 4 == 9_640 and "2,410 · 4 = 9,640 bytes" in body
    assert matmul_flops(32, 64, 32) == 131_072 and "2 · 32 · 32 · 64 = 131,072 FLOPs" in body
    big = 2 * 4096**3
    assert f"{big:.2e}" == "1.37e+11" and round(big / 500e9, 1) == 0.3 and round(big / 100e12 * 1e3, 1) == 1.4
    assert "≈ 1.37 · 10¹¹ FLOPs: about 0.3 s" in body and "about 1.4 ms" in body


def test_tensorflow_and_keras_dates():
    """TensorFlow 0.x until 2017 and 1.x 2017–2019; tf.keras from TensorFlow 1.4 (2017)."""
    body = " ".join(LESSON.body.split())
    assert "0.x from its release in November 2015, then 1.x from 2017 to 2019" in body
    assert "`tf.keras` since TensorFlow 1.4 (2017)" in body
    assert "1.x, 2015–2019" not in body and "From 2019 to 2023 Keras lived inside TensorFlow" not in body


def test_train_eval_key_by_experiment():
    """eval(): dropout passes through, batch norm uses (and keeps) its running stats, the flag is False,
    autograd still records, and nothing moves between devices."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Dropout(0.5))
    model(torch.randn(8, 3))  # one training-mode pass updates the running statistics
    model.eval()
    x = torch.randn(8, 3, requires_grad=True)
    running = model[1].running_mean.clone()
    out = model(x)
    assert torch.equal(out, model(x)) and torch.equal(model[1].running_mean, running)
    expected = (model[0](x) - running) / torch.sqrt(model[1].running_var + model[1].eps)
    assert torch.allclose(out, expected * model[1].weight + model[1].bias, atol=1e-6)
    assert not any(m.training for m in model.modules()) and out.requires_grad
    assert next(model.parameters()).device.type == "cpu"
    assert set(QUIZ.question("framework-train-eval").answer) == {"a", "b", "e"}


def test_dropout_scales_kept_units_and_onnx_default_is_dated():
    """Training-mode dropout keeps x / (1 − p) or 0, as the lesson says; the dynamo default is dated 2.9."""
    torch.manual_seed(0)
    out = nn.Dropout(0.25).train()(torch.ones(1000))
    assert torch.equal(out.unique(), torch.tensor([0.0, 1 / 0.75]))
    body = " ".join(LESSON.body.split())
    assert "scales the others up by 1/(1 − p)" in body
    assert "defaulted to `True` since PyTorch 2.9" in body
