"""The concepts quiz: computational answers recomputed (first principles, PyTorch); conceptual keys pinned."""

import itertools
import math

import torch
from torch import nn

from tests.lessons.answer_key import answer_key_tests, assert_prompt_states, n_params, question

LESSON = "concepts"


def step(z):
    return (torch.as_tensor(z) >= 0).float()


def perceptron_output():
    assert_prompt_states(LESSON, "concepts-perceptron-output", "w = (0.5, −1, 2)", "θ = 1.5", "x = (2, 1, 0.5)")
    w, x, theta = torch.tensor([0.5, -1.0, 2.0]), torch.tensor([2.0, 1.0, 0.5]), 1.5
    return step(w @ x - theta).item()


W, B, X = [0.6, -0.4, 0.2], -0.1, [1.5, 0.5, 2.0]  # concepts-neuron-sigmoid's neuron


def neuron_z(bias: float = B) -> float:
    layer = nn.Linear(3, 1).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([W]))
        layer.bias.fill_(bias)
    return layer(torch.tensor(X, dtype=torch.float64)).item()


def sigmoid(z: float) -> float:
    return torch.sigmoid(torch.tensor(z, dtype=torch.float64)).item()


def neuron_sigmoid():
    assert_prompt_states(LESSON, "concepts-neuron-sigmoid", "w = (0.6, −0.4, 0.2)", "b = −0.1", "x = (1.5, 0.5, 2)")
    return sigmoid(neuron_z())


def mlp_params():
    assert_prompt_states(LESSON, "concepts-mlp-params", "784 → 128 → 64 → 10")
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


CORNERS = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def two_layer_step_net(w1: list[list[float]], b1: list[float], w2: list[float], b2: float) -> torch.Tensor:
    """y for each of the four corners of a 2 → 2 → 1 network of step units."""
    h = step(CORNERS @ torch.tensor(w1, dtype=torch.float32).T + torch.tensor(b1))
    return step(h @ torch.tensor(w2, dtype=torch.float32) + b2)


def xor_mlp_ones():
    assert_prompt_states(LESSON, "concepts-xor-mlp", "x₁ − x₂ − 0.5", "x₂ − x₁ − 0.5", "h₁ + h₂ − 0.5")
    y = two_layer_step_net([[1, -1], [-1, 1]], [-0.5, -0.5], [1, 1], -0.5)
    assert y.tolist() == [0, 1, 1, 0]  # XOR, as the explanation says
    return y.sum().item()


RECOMPUTE = {
    "concepts-perceptron-output": perceptron_output,
    "concepts-neuron-sigmoid": neuron_sigmoid,
    "concepts-mlp-params": mlp_params,
    "concepts-xor-mlp": xor_mlp_ones,
}


# Conceptual keys cannot be recomputed; pinning them makes any change to a key a deliberate,
# reviewed edit (the lesson text gives the reasoning for each).
PINNED = {
    "concepts-backprop-role": False,
    "concepts-universal-approximation": "a",
    "concepts-hidden-layers": {"a", "c", "d"},
    "concepts-sample-vs-dataset": False,
    "concepts-epoch": ["epoch", "an epoch", "one epoch", "epochs", "轮次", "轮", "周期", "迭代周期"],
    "concepts-training-cycle": ["b", "d", "c", "a"],
    "concepts-deep-vs-classic": "a",
}
CHECKED_BY_EXPERIMENT = {"concepts-xor", "concepts-bias-trick", "concepts-single-neuron-boundary"}


# What learners type: accepted forms, and the slips each explanation names as wrong.
TYPED = [
    ("concepts-perceptron-output", "0", "correct"), ("concepts-perceptron-output", "1", "wrong"),
    ("concepts-perceptron-output", "-0.5", "wrong"),
    ("concepts-neuron-sigmoid", "0.731", "correct"), ("concepts-neuron-sigmoid", "1", "wrong"),
    ("concepts-neuron-sigmoid", "0.750", "wrong"), ("concepts-neuron-sigmoid", "0.650", "wrong"),
    ("concepts-mlp-params", "109386", "correct"), ("concepts-mlp-params", "109184", "wrong"),
    ("concepts-xor-mlp", "2", "correct"), ("concepts-xor-mlp", "3", "wrong"),
    ("concepts-epoch", "Epoch", "correct"), ("concepts-epoch", "轮次", "correct"),
    ("concepts-epoch", "batch", "wrong"), ("concepts-epoch", "One epoch", "correct"),
]


def perceptron(w: list[float], theta: float, x: list[float]) -> float:
    return step(torch.tensor(w, dtype=torch.float32) @ torch.tensor(x, dtype=torch.float32) - theta).item()


# Every number an explanation or hint states beyond the prompt: recomputed here, or cited (explained_numbers.py).
EXPLAINED = {
    "concepts-xor": {  # the weights the explanation gives for AND, OR and NOT really compute them
        "1.5": lambda: 1.5 if [perceptron([1, 1], 1.5, x) for x in CORNERS.tolist()] == [0, 0, 0, 1] else 0,
        "0.5": lambda: 0.5 if [perceptron([1, 1], 0.5, x) for x in CORNERS.tolist()] == [0, 1, 1, 1] else 0,
        "−0.5": lambda: -0.5 if [perceptron([-1], -0.5, [x]) for x in (0, 1)] == [1, 0] else 0,
        "−1": lambda: -1.0 if perceptron([-1], -0.5, [1]) == 0 else 0,
    },
    "concepts-perceptron-output": {"−0.5": lambda: 0.5 * 2 - 1 * 1 + 2 * 0.5 - 1.5},
    "concepts-neuron-sigmoid": {
        "0.9": lambda: W[0] * X[0], "0.4": lambda: W[2] * X[2], "1.0": neuron_z,
        "0.368": lambda: math.exp(-1), "1.368": lambda: 1 + math.exp(-1),
        "0.750": lambda: sigmoid(neuron_z(bias=0)), "1.1": lambda: neuron_z(bias=0),
        "0.650": lambda: sigmoid(neuron_z(bias=0)) + B,
    },
    "concepts-mlp-params": {
        "100,480": lambda: n_params(nn.Linear(784, 128)), "8,256": lambda: n_params(nn.Linear(128, 64)),
        "650": lambda: n_params(nn.Linear(64, 10)),
        "109,184": lambda: sum(n_params(nn.Linear(n, m, bias=False)) for n, m in [(784, 128), (128, 64), (64, 10)]),
    },
    "concepts-xor-mlp": {  # dropping the negative weights turns the network into OR
        "3": lambda: two_layer_step_net([[1, 0], [0, 1]], [-0.5, -0.5], [1, 1], -0.5).sum().item(),
    },
    "concepts-epoch": {"32": lambda: len(torch.utils.data.DataLoader(range(1000), batch_size=32))},
}
FACTS = {
    "concepts-xor": {"0": "coordinates of the XOR inputs", "1": "coordinates of the XOR inputs"},
    "concepts-universal-approximation": {"0": "the interval (0, 1)", "1": "the interval (0, 1) and the function 1/x"},
    "concepts-single-neuron-boundary": {"0": "the border z = 0"},
    "concepts-epoch": {"1,000": "the example's training-set size", "1000": "the same size inside the formula"},
}


# The shared answer-key tests (see answer_key.py): numeric keys recomputed, the rest pinned or checked below,
# what learners type graded as listed, every number in an explanation given, recomputed or cited.
globals().update(
    answer_key_tests(LESSON, RECOMPUTE, pinned=PINNED, checked_by_experiment=CHECKED_BY_EXPERIMENT, typed=TYPED,
                     explained=EXPLAINED, facts=FACTS)
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


def test_single_sigmoid_neuron_boundary_is_a_straight_line():
    """y ≥ 0.5 is exactly the half-plane z ≥ 0, for random neurons: the key (false) of the boundary question."""
    assert question(LESSON, "concepts-single-neuron-boundary").answer is False
    torch.manual_seed(1)
    grid = torch.cartesian_prod(torch.linspace(-3, 3, 121), torch.linspace(-3, 3, 121)).double()
    for _ in range(20):
        w, b = torch.randn(2, dtype=torch.float64), torch.randn((), dtype=torch.float64)
        z = grid @ w + b
        assert torch.equal(torch.sigmoid(z) >= 0.5, z >= 0)
