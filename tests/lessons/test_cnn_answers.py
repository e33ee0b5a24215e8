"""The cnn quiz's answer key, recomputed with PyTorch layers rather than restated."""

import torch
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests, n_params

QUIZ = COURSE.get("cnn").quiz


def conv_output_width(width: int, kernel: int, stride: int, padding: int) -> int:
    conv = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding)
    return conv(torch.zeros(1, 1, width, width)).shape[-1]


def receptive_field(n_layers: int, size: int = 15) -> int:
    """Side of the input region that one output value depends on: the input pixels with a nonzero gradient."""
    net = nn.Sequential(*[nn.Conv2d(1, 1, 3) for _ in range(n_layers)])
    for p in net.parameters():
        nn.init.ones_(p)  # positive weights: no accidental cancellation hides a dependency
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = net(x)
    centre = y.shape[-1] // 2
    y[0, 0, centre, centre].backward()
    return int((x.grad[0, 0].abs().sum(0) > 0).sum())


RECOMPUTE = {
    "cnn-output-size": lambda: conv_output_width(28, kernel=5, stride=1, padding=2),
    "cnn-output-size-stride": lambda: conv_output_width(224, kernel=11, stride=4, padding=2),
    "cnn-conv-params": lambda: n_params(nn.Conv2d(3, 64, kernel_size=3)),
    "cnn-dense-params": lambda: n_params(nn.Linear(32 * 32 * 3, 1024)),
    "cnn-receptive-field": lambda: receptive_field(2),
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation.
globals().update(answer_key_tests("cnn", RECOMPUTE))


def test_receptive_field_helper_can_tell_depths_apart():
    assert [receptive_field(n) for n in (1, 2, 3)] == [3, 5, 7]


def test_pooling_key_matches_max_pool_behaviour():
    pool = nn.MaxPool2d(2)
    out = pool(torch.randn(2, 7, 8, 6))
    facts = {"a": out.shape[-2:] == (4, 3), "b": out.shape[1] == 7, "c": n_params(pool) == 0}
    assert all(facts.values())
    assert sorted(QUIZ.question("cnn-pooling").answer) == sorted(facts)


def test_equivariance_key_convolution_is_not_invariant():
    torch.manual_seed(0)
    conv = nn.Conv2d(1, 4, 3, padding=1, padding_mode="circular")
    img = torch.randn(1, 1, 8, 8)
    maps, shifted = conv(img), conv(torch.roll(img, 2, dims=-1))
    assert torch.allclose(shifted, torch.roll(maps, 2, dims=-1), atol=1e-6)  # equivariant
    assert not torch.allclose(shifted, maps)  # ...so not invariant
    assert QUIZ.question("cnn-equivariance").answer is False


def test_history_order_follows_publication_years():
    years = {"LeNet-5": 1998, "AlexNet": 2012, "VGG": 2014, "ResNet": 2015}
    q = QUIZ.question("cnn-history-order")
    assert [q.choices[k] for k in q.answer] == sorted(years, key=years.get)
