"""The framework quiz's answer key, recomputed with PyTorch (and Keras where installed) rather than restated."""

import importlib.util
import warnings

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from tests.lessons.answer_key import COURSE, answer_key_tests, n_params

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


RECOMPUTE = {
    "framework-param-count": lambda: n_params(side_by_side_model()),
    "framework-matmul-flops": lambda: matmul_flops(128, 256, 64),
    "framework-tensor-bytes": lambda: float32_bytes(64, 3, 32, 32),
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation.
globals().update(answer_key_tests("framework", RECOMPUTE))


def test_flop_counter_agrees_with_the_2mnk_rule_the_lesson_teaches():
    for m, k, n in [(32, 64, 32), (128, 256, 64), (3, 5, 7)]:
        assert matmul_flops(m, k, n) == 2 * m * n * k


def test_quiz_model_is_the_lessons_model():
    """The parameter-count question must describe the model the lesson actually shows."""
    for layer in ("nn.Linear(64, 32)", "nn.Linear(32, 10)", "Dense(32, activation=\"relu\")", "Dense(10)"):
        assert layer in LESSON.body, layer
    assert f"{QUIZ.question('framework-param-count').answer:,.0f}" in LESSON.body


@pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="needs keras")
def test_keras_counts_the_same_parameters(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    import keras

    model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)])
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
