"""The concepts quiz: computational answers recomputed (first principles, PyTorch); conceptual keys pinned."""

import itertools
import math

import torch
from torch import nn

from tests.lessons.answer_key import answer_key_tests, assert_prompt_states, question

LESSON = "concepts"


def step(z):
    return (torch.as_tensor(z) >= 0).float()


def perceptron_output():
    assert_prompt_states(LESSON, "concepts-perceptron-output", "w = (0.5, −1, 2)", "θ = 1.5", "x = (2, 1, 0.5)")
    w, x, theta = torch.tensor([0.5, -1.0, 2.0]), torch.tensor([2.0, 1.0, 0.5]), 1.5
    return step(w @ x - theta).item()


def neuron_sigmoid():
    assert_prompt_states(LESSON, "concepts-neuron-sigmoid", "w = (0.4, 0.3, −0.6)", "b = 0.1", "x = (2, −1, 0.5)")
    layer = nn.Linear(3, 1).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[0.4, 0.3, -0.6]]))
        layer.bias.fill_(0.1)
    return torch.sigmoid(layer(torch.tensor([2.0, -1.0, 0.5], dtype=torch.float64))).item()


def mlp_params():
    assert_prompt_states(LESSON, "concepts-mlp-params", "784 → 128 → 64 → 10")
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def xor_mlp_at_one_one():
    assert_prompt_states(
        LESSON, "concepts-xor-mlp", "x₁ + x₂ − 0.5", "x₁ + x₂ − 1.5", "h₁ − h₂ − 0.5", "x = (1, 1)"
    )
    x = torch.tensor([1.0, 1.0])
    h = step(torch.stack([x.sum() - 0.5, x.sum() - 1.5]))
    return step(h[0] - h[1] - 0.5).item()


RECOMPUTE = {
    "concepts-perceptron-output": perceptron_output,
    "concepts-neuron-sigmoid": neuron_sigmoid,
    "concepts-mlp-params": mlp_params,
    "concepts-xor-mlp": xor_mlp_at_one_one,
}


# Conceptual keys cannot be recomputed; pinning them makes any change to a key a deliberate,
# reviewed edit (the lesson text gives the reasoning for each).
PINNED = {
    "concepts-backprop-role": False,
    "concepts-universal-approximation": "a",
    "concepts-hidden-layers": {"a", "c", "d"},
    "concepts-sample-vs-dataset": False,
    "concepts-epoch": ["epoch", "an epoch", "epochs", "轮次", "轮", "周期"],
    "concepts-training-cycle": ["b", "d", "c", "a"],
    "concepts-deep-vs-classic": "a",
}
CHECKED_BY_EXPERIMENT = {"concepts-xor", "concepts-bias-trick"}


# What learners type: accepted forms, and the slips each explanation names as wrong.
TYPED = [
    ("concepts-perceptron-output", "0", "correct"), ("concepts-perceptron-output", "1", "wrong"),
    ("concepts-perceptron-output", "-0.5", "wrong"),
    ("concepts-neuron-sigmoid", "0.574", "correct"), ("concepts-neuron-sigmoid", "0.3", "wrong"),
    ("concepts-neuron-sigmoid", "0.550", "wrong"),
    ("concepts-mlp-params", "109386", "correct"), ("concepts-mlp-params", "109184", "wrong"),
    ("concepts-xor-mlp", "0", "correct"), ("concepts-xor-mlp", "1", "wrong"),
    ("concepts-epoch", "Epoch", "correct"), ("concepts-epoch", "轮次", "correct"),
    ("concepts-epoch", "batch", "wrong"),
]


# The shared answer-key tests (see answer_key.py): numeric keys recomputed, the rest pinned or checked below,
# what learners type graded as listed.
globals().update(
    answer_key_tests(LESSON, RECOMPUTE, pinned=PINNED, checked_by_experiment=CHECKED_BY_EXPERIMENT, typed=TYPED)
)


def separable(truth_table):
    """Search a grid of weights and thresholds for a perceptron reproducing the table."""
    grid = [v / 2 for v in range(-6, 7)]
    n_inputs = len(next(iter(truth_table)))
    inputs = torch.tensor(list(truth_table), dtype=torch.float32)
    target = torch.tensor(list(truth_table.values()), dtype=torch.float32)
    for *w, theta in itertools.product(grid, repeat=n_inputs + 1):
        if torch.equal(step(inputs @ torch.tensor(w) - theta), target):
            return True
    return False


def test_only_xor_is_beyond_a_single_perceptron():
    q = question(LESSON, "concepts-xor")
    tables = {
        "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
        "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
        "XOR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0},
        "NOT": {(0,): 1, (1,): 0},
    }
    not_learnable = [key for key, name in q.choices.items() if not separable(tables[name])]
    assert not_learnable == [q.answer]


def test_bias_trick_weight_is_minus_theta():
    q = question(LESSON, "concepts-bias-trick")
    torch.manual_seed(0)
    x, w, theta = torch.randn(200, 3), torch.randn(3), 0.7
    original = step(x @ w - theta)
    x_with_one = torch.cat([torch.ones(200, 1), x], dim=1)
    candidates = {"a": theta, "b": -theta, "c": 1.0, "d": 0.0}
    matching = [
        k for k, w0 in candidates.items()
        if torch.equal(step(x_with_one @ torch.cat([torch.tensor([w0]), w])), original)
    ]
    assert matching == [q.answer]


def test_steps_per_epoch_in_epoch_explanation():
    # The explanation states 1,000 samples in batches of 32 take 32 steps.
    assert "⌈1000/32⌉ = 32" in question(LESSON, "concepts-epoch").explanation
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.zeros(1000)), batch_size=32)
    assert len(loader) == math.ceil(1000 / 32) == 32
