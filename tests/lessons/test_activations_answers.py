"""The activations quiz: computational answers recomputed with PyTorch (layers, autograd); conceptual keys pinned."""

import torch
import torch.nn.functional as F
from torch import nn

from tests.lessons.answer_key import answer_key_tests, assert_prompt_states, question

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


RECOMPUTE = {
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
        "ReLU", "relu", "rectified linear unit", "rectified linear", "线性整流函数", "修正线性单元",
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
]


# The shared answer-key tests (see answer_key.py): numeric keys recomputed, the rest pinned or checked below,
# what learners type graded as listed.
globals().update(
    answer_key_tests(LESSON, RECOMPUTE, pinned=PINNED, checked_by_experiment=CHECKED_BY_EXPERIMENT, typed=TYPED)
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
