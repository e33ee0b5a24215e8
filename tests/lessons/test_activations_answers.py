"""The activations quiz: computational answers recomputed with PyTorch (layers, autograd); conceptual keys pinned."""

import functools

import torch
import torch.nn.functional as F
from torch import nn

from tests.lessons.activation_plots import figure
from tests.lessons.answer_key import COURSE, answer_key_tests, assert_prompt_states, question
from tests.lessons.explained_numbers import Derived

LESSON = "activations"


def derivative(f, at):
    z = torch.tensor(float(at), dtype=torch.float64, requires_grad=True)
    f(z).backward()
    return z.grad.item()


def collapsed_bias():
    assert_prompt_states(LESSON, "activations-collapse-bias", "h = 2x + 1", "y = 3h − 4")
    first, second = nn.Linear(1, 1).double(), nn.Linear(1, 1).double()
    with torch.no_grad():
        first.weight.fill_(2.0), first.bias.fill_(1.0)
        second.weight.fill_(3.0), second.bias.fill_(-4.0)
    stack = nn.Sequential(first, second)
    x = torch.linspace(-5, 5, 11, dtype=torch.float64).unsqueeze(1)
    bias = stack(torch.zeros(1, 1, dtype=torch.float64)).item()
    slope = (stack(torch.ones(1, 1, dtype=torch.float64)) - bias).item()
    assert torch.allclose(stack(x), slope * x + bias)  # the stack really is one linear map
    return bias


def vanishing_product():
    assert_prompt_states(LESSON, "activations-vanishing-product", "10 sigmoid units")
    z = torch.linspace(-10, 10, 200001, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(z).sum().backward()
    return z.grad.max().item() ** 10


def softmax_first():
    assert_prompt_states(LESSON, "activations-softmax-value", "softmax(2, 1, 0)")
    return torch.softmax(torch.tensor([2.0, 1.0, 0.0], dtype=torch.float64), dim=0)[0].item()


def leaky_derivative():
    assert_prompt_states(LESSON, "activations-leaky-derivative", "α = 0.01", "z = −3")
    return derivative(lambda z: F.leaky_relu(z, negative_slope=0.01), -3)


def he_std():
    assert_prompt_states(LESSON, "activations-he-init-std", "512 inputs and 128 outputs")
    layer = nn.Linear(512, 128).double()
    nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
    assert abs(layer.weight.std().item() / (2 / 512) ** 0.5 - 1) < 0.02  # PyTorch draws what the formula says
    return nn.init.calculate_gain("relu") / 512**0.5


RECOMPUTE = {
    "activations-he-init-std": he_std,
    "activations-collapse-bias": collapsed_bias,
    "activations-sigmoid-derivative-zero": lambda: derivative(torch.sigmoid, 0),
    "activations-sigmoid-derivative-two": lambda: derivative(torch.sigmoid, 2),
    "activations-vanishing-product": vanishing_product,
    "activations-softmax-value": softmax_first,
    "activations-leaky-derivative": leaky_derivative,
}


# Conceptual keys cannot be recomputed; pinning them makes any change to a key a deliberate,
# reviewed edit (the lesson text gives the reasoning for each).
PINNED = {
    "activations-linear-collapse": "a",
    "activations-dying-relu": "a",
    "activations-output-choice": "a",
    "activations-relu-name": [
        "ReLU", "relu", "ReLU function", "rectified linear unit", "rectified linear",
        "rectified linear unit (ReLU)", "ReLU (rectified linear unit)", "修正线性单元", "线性整流函数",
    ],
}
CHECKED_BY_EXPERIMENT = {"activations-negative-outputs", "activations-sigmoid-exploding", "activations-relu-deep"}


# What learners type: accepted forms, and the slips each explanation names as wrong.
TYPED = [
    ("activations-collapse-bias", "-1", "correct"), ("activations-collapse-bias", "-3", "wrong"),
    ("activations-collapse-bias", "-4", "wrong"),
    ("activations-sigmoid-derivative-zero", "0.25", "correct"), ("activations-sigmoid-derivative-zero", "0.5", "wrong"),
    ("activations-sigmoid-derivative-zero", "1", "wrong"),
    ("activations-sigmoid-derivative-two", "0.105", "correct"),
    ("activations-sigmoid-derivative-two", "0.881", "wrong"),
    ("activations-vanishing-product", "9.54e-7", "correct"), ("activations-vanishing-product", "1/1048576", "correct"),
    ("activations-vanishing-product", "2.5", "wrong"),
    ("activations-softmax-value", "0.665", "correct"), ("activations-softmax-value", "0.667", "wrong"),
    ("activations-leaky-derivative", "0.01", "correct"), ("activations-leaky-derivative", "0", "wrong"),
    ("activations-leaky-derivative", "-0.03", "wrong"),
    ("activations-relu-name", "Rectified Linear Unit", "correct"), ("activations-relu-name", "leaky relu", "wrong"),
    ("activations-relu-name", "Rectified Linear Unit (ReLU)", "correct"), ("activations-relu-name", "ReLU function", "correct"),
    ("activations-he-init-std", "0.0625", "correct"), ("activations-he-init-std", "0.0039", "wrong"),
    ("activations-he-init-std", "0.125", "wrong"), ("activations-he-init-std", "0.0559", "wrong"),
]


def sigmoid(z: float) -> float:
    return torch.sigmoid(torch.tensor(float(z), dtype=torch.float64)).item()


@functools.cache
def relu_stack_stds() -> dict[float, float]:
    """The lesson's second snippet, as written: 30 ReLU layers of width 256, He scaled by 0.5, 1 and 1.5."""
    torch.manual_seed(0)
    x = torch.randn(512, 256)
    result = {}
    for scale in (0.5, 1.0, 1.5):
        h = x
        for _ in range(30):
            h = torch.relu(h @ (torch.randn(256, 256) * scale * (2 / 256) ** 0.5))
        result[scale] = h.std().item()
    return result


def gelu_minimum() -> tuple[float, float]:
    z = torch.linspace(-3, 0, 30001, dtype=torch.float64)
    g = F.gelu(z)
    return g.min().item(), z[g.argmin()].item()


# Every number an explanation or hint states beyond the prompt: recomputed here, or cited (explained_numbers.py).
EXPLAINED = {
    "activations-collapse-bias": {"6": lambda: 3 * 2},
    "activations-sigmoid-derivative-zero": {"0.5": lambda: sigmoid(0)},
    "activations-sigmoid-derivative-two": {
        "0.8808": lambda: sigmoid(2), "0.881": lambda: sigmoid(2), "0.1353": lambda: torch.exp(torch.tensor(-2.0)).item(),
        "0.25": lambda: derivative(torch.sigmoid, 0),
    },
    "activations-vanishing-product": {
        "0.25": lambda: derivative(torch.sigmoid, 0), "1,048,576": lambda: 4**10, "2.5": lambda: 10 * 0.25,
    },
    "activations-sigmoid-exploding": {"0.25": lambda: derivative(torch.sigmoid, 0), "4": lambda: 1 / 0.25},
    "activations-relu-deep": {"6e-10": lambda: relu_stack_stds()[0.5], "3e+05": lambda: relu_stack_stds()[1.5]},
    "activations-negative-outputs": {
        "−0.17": lambda: gelu_minimum()[0], "−0.75": Derived(lambda: gelu_minimum()[1], tolerance=0.01),
    },
    "activations-softmax-value": {
        "7.389": lambda: torch.exp(torch.tensor(2.0, dtype=torch.float64)).item(),
        "2.718": lambda: torch.exp(torch.tensor(1.0, dtype=torch.float64)).item(),
        "11.107": lambda: torch.exp(torch.tensor([2.0, 1.0, 0.0], dtype=torch.float64)).sum().item(),
        "0.667": lambda: 2 / 3,
    },
    "activations-leaky-derivative": {"−0.03": lambda: F.leaky_relu(torch.tensor(-3.0), 0.01).item()},
    "activations-he-init-std": {
        "0.0039": lambda: 2 / 512, "0.125": lambda: (2 / 128) ** 0.5, "0.0559": lambda: (2 / (512 + 128)) ** 0.5,
        "256": lambda: 512 / 2,
    },
}
FACTS = {
    "activations-sigmoid-derivative-two": {"1": "the 1 of 1 − σ(2) and 1 / (1 + e⁻²)"},
    "activations-sigmoid-exploding": {"1": "a product of factors exceeding 1"},
    "activations-relu-deep": {"30": "the snippet's 30 layers"},
    "activations-negative-outputs": {"0": "zero, the sign boundary", "1": "tanh's range (−1, 1)",
                                     "−1": "tanh's range (−1, 1)"},
    "activations-dying-relu": {"1": "ReLU's derivative for z > 0"},
    "activations-output-choice": {"2": "a digit class", "3": "a digit class", "4": "a digit class"},
    "activations-he-init-std": {"1": "the 1 of √(1/256)", "2": "He's factor 2"},
}


# The shared answer-key tests (see answer_key.py): numeric keys recomputed, the rest pinned or checked below,
# what learners type graded as listed, every number in an explanation given, recomputed or cited.
globals().update(
    answer_key_tests(LESSON, RECOMPUTE, pinned=PINNED, checked_by_experiment=CHECKED_BY_EXPERIMENT, typed=TYPED,
                     explained=EXPLAINED, facts=FACTS)
)


def test_which_activations_go_negative():
    q = question(LESSON, "activations-negative-outputs")
    functions = {
        "sigmoid": torch.sigmoid, "tanh": torch.tanh, "ReLU": torch.relu, "Leaky ReLU": F.leaky_relu, "GELU": F.gelu,
    }
    z = torch.linspace(-10, 10, 20001)
    negative = sorted(k for k, name in q.choices.items() if functions[name](z).min() < 0)
    assert negative == sorted(q.answer)


def test_sigmoid_stack_vanishes_rather_than_explodes():
    # activations-sigmoid-exploding is false: in a default-initialised deep sigmoid MLP the first layer's
    # gradient is far smaller than the last layer's.
    assert question(LESSON, "activations-sigmoid-exploding").answer is False
    torch.manual_seed(0)
    layers = [m for _ in range(8) for m in (nn.Linear(64, 64), nn.Sigmoid())] + [nn.Linear(64, 10)]
    model = nn.Sequential(*layers)
    F.cross_entropy(model(torch.randn(256, 64)), torch.randint(0, 10, (256,))).backward()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    first, last = linears[0].weight.grad.norm(), linears[-1].weight.grad.norm()
    assert first < last / 1000


def test_deep_relu_stack_can_vanish_or_explode():
    # activations-relu-deep is false: scale He initialisation by 0.5 or 1.5 and 30 ReLU layers
    # shrink or blow up the signal by orders of magnitude (the lesson's snippet).
    assert question(LESSON, "activations-relu-deep").answer is False
    torch.manual_seed(0)
    x = torch.randn(64, 256)
    spread = {}
    for scale in (0.5, 1.5):
        h = x
        for _ in range(30):
            h = torch.relu(h @ (torch.randn(256, 256) * scale * (2 / 256) ** 0.5))
        spread[scale] = h.std().item()
    assert spread[0.5] < 1e-6 and spread[1.5] > 1e3


def test_activation_figure_is_drawn_from_the_functions():
    assert figure() in COURSE.get(LESSON).body


def test_initialisation_numbers_in_lesson():
    body = COURSE.get(LESSON).body
    assert "0.8³⁰ ≈ 0.001" in body and round(0.8**30, 3) == 0.001
    assert "1.2³⁰ ≈ 237" in body and round(1.2**30) == 237
    stds = {"√(2/256) ≈ 0.088": (2 / 256) ** 0.5, "√(2/512) ≈ 0.0625": (2 / 512) ** 0.5,
            "1/√(3·256) ≈ 0.036": (1 / (3 * 256)) ** 0.5}
    for text, value in stds.items():
        assert text in body
        quoted = text.split("≈ ")[1]
        assert round(value, len(quoted.split(".")[1])) == float(quoted), text
    # PyTorch's nn.Linear default really has variance 1 / (3 · fan_in): six times less than He's 2 / fan_in.
    torch.manual_seed(0)
    w = nn.Linear(256, 4096).weight
    assert abs(w.var().item() * 3 * 256 - 1) < 0.02


def test_init_shrink_factors_in_lab_section():
    """Xavier on 64 × 64 layers has half He's variance, PyTorch's default a sixth: over 8 layers the signal's
    size shrinks by (1/2)^(8/2) = 1/16 and (1/6)^(8/2) ≈ 1/1,296."""
    body = COURSE.get(LESSON).body
    assert (2 / (64 + 64)) / (2 / 64) == 0.5 and abs((1 / (3 * 64)) / (2 / 64) - 1 / 6) < 1e-12
    assert round((1 / 0.5) ** (8 / 2)) == 16 and round(6 ** (8 / 2), -2) == 1300
    assert "by a factor of about 16 and\n  about 1,300" in body
