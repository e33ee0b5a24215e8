"""The cnn quiz's answer key, recomputed with PyTorch layers rather than restated."""

import math

import torch
from torch import nn

from dltutor.lab.nets import small_cnn
from tests.lessons.answer_key import COURSE, answer_key_tests, n_params
from tests.lessons.explained_numbers import Derived

QUIZ = COURSE.get("cnn").quiz


def conv_output_width(width: int, kernel: int, stride: int, padding: int) -> int:
    conv = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding)
    return conv(torch.zeros(1, 1, width, width)).shape[-1]


def receptive_field(kernels: list[int], size: int = 21) -> int:
    """Side of the input region that one output value depends on: the input pixels with a nonzero gradient."""
    net = nn.Sequential(*[nn.Conv2d(1, 1, k) for k in kernels])
    for p in net.parameters():
        nn.init.ones_(p)  # positive weights: no accidental cancellation hides a dependency
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = net(x)
    centre = y.shape[-1] // 2
    y[0, 0, centre, centre].backward()
    return int((x.grad[0, 0].abs().sum(0) > 0).sum())


def conv_params(k: int, c_in: int, c_out: int, bias: bool = True) -> int:
    return n_params(nn.Conv2d(c_in, c_out, k, bias=bias))


RECOMPUTE = {
    "cnn-output-size": lambda: conv_output_width(32, kernel=5, stride=1, padding=1),
    "cnn-output-size-stride": lambda: conv_output_width(100, kernel=7, stride=3, padding=1),
    "cnn-conv-params": lambda: conv_params(5, 16, 32),
    "cnn-dense-params": lambda: n_params(nn.Linear(16 * 16 * 32, 256)),
    "cnn-receptive-field": lambda: receptive_field([5, 3, 3]),
    "cnn-pointwise-params": lambda: conv_params(1, 128, 32),
}

# Every number an explanation or hint states beyond the prompt: recomputed here, or cited (explained_numbers.py).
EXPLAINED = {
    "cnn-output-size": {
        "29": lambda: 32 - 5 + 2 * 1, "28": lambda: conv_output_width(32, 5, 1, 0),
        "2": lambda: (5 - 1) / 2,  # the padding that would keep the size
    },
    "cnn-output-size-stride": {
        "95": lambda: 100 - 7 + 2, "31.67": lambda: 95 / 3, "31": lambda: 95 // 3,
        "32.67": lambda: 95 / 3 + 1, "33": lambda: math.ceil(95 / 3) + 1,
        "93": lambda: 3 * (95 // 3), "102": lambda: 100 + 2 * 1,
    },
    "cnn-conv-params": {
        "400": lambda: conv_params(5, 16, 1, bias=False), "832": lambda: conv_params(5, 1, 32),
        "12,800": lambda: conv_params(5, 16, 32, bias=False),
    },
    "cnn-dense-params": {
        "8,192": lambda: 16 * 16 * 32, "73,984": lambda: conv_params(3, 32, 256),
        "28": Derived(lambda: n_params(nn.Linear(8192, 256)) / conv_params(3, 32, 256), tolerance=0.5),
        "2,097,152": lambda: n_params(nn.Linear(8192, 256, bias=False)),
        "8,448": lambda: n_params(nn.Linear(32, 256)),
    },
    "cnn-pointwise-params": {
        "4,096": lambda: conv_params(1, 128, 32, bias=False), "36,896": lambda: conv_params(3, 128, 32),
        "160": lambda: 128 + 32,
    },
    "cnn-receptive-field": {
        "2": lambda: receptive_field([3, 3]) - receptive_field([3]), "11": lambda: 5 + 3 + 3, "45": lambda: 5 * 3 * 3, "7": lambda: receptive_field([5, 3]),
    },
}
FACTS = {
    "cnn-output-size": {"1": "the +1 of the size formula"},
    "cnn-output-size-stride": {"0": "indices counted from 0", "1": "the +1 of the size formula",
                               "2": "the 2 of 2P"},
    "cnn-dense-params": {"3": "the 3×3 kernel of the comparison layer"},
    "cnn-receptive-field": {"1": "the K − 1 of the rule"},
    "cnn-pooling": {"2": "the 2×2 window, halving H and W"},
    "cnn-pointwise-params": {"3": "a 3×3 kernel, for comparison"},
    "cnn-residual": {"100": "ResNet trained networks of over 100 layers (He et al., 2015: 110 on CIFAR-10, 152 on ImageNet)",
                     "3": "VGG's 3×3 kernels"},
    "cnn-history-order": {"1998": "LeNet-5 (LeCun et al., Proc. IEEE 1998)", "2012": "AlexNet (NeurIPS 2012)",
                          "2014": "VGG (arXiv 2014, ICLR 2015)", "2015": "ResNet (arXiv 2015, CVPR 2016)",
                          "3": "VGG's 3×3 kernels", "16": "VGG-16", "19": "VGG-19",
                          "1990": "the 1990s (LeNet's first versions: 1989)"},
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number its explanations state is given, recomputed or cited.
# What learners type for the text question: the usual spellings are accepted, the kernel is not its output.
TYPED = [
    ("cnn-feature-map", "Feature Map", "correct"), ("cnn-feature-map", "feature-map", "correct"),
    ("cnn-feature-map", "特征图", "correct"), ("cnn-feature-map", "kernel", "wrong"),
]
globals().update(answer_key_tests("cnn", RECOMPUTE, typed=TYPED, explained=EXPLAINED, facts=FACTS))


def test_receptive_field_helper_can_tell_depths_apart():
    assert [receptive_field([3] * n) for n in (1, 2, 3)] == [3, 5, 7]


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


def test_lesson_names_the_lab_pooling():
    """The lesson says the lab's CNN ends with global max pooling: so it must."""
    assert any(isinstance(layer, nn.AdaptiveMaxPool2d) for layer in small_cnn(4))
    body = COURSE.get("cnn").body
    lab = body[body.index("## In the lab"):]
    assert "global *max* pooling" in lab and "average pooling" not in lab
    assert "The lab's CNN ends with global max pooling" in body


def test_alexnet_first_layer_torchvision_and_paper():
    """torchvision: 224, K=11, S=4, P=2, 64 filters → 55. The 2012 paper: 96 filters, P=0, and only 227 gives 55."""
    assert conv_output_width(224, 11, 4, 2) == 55
    assert conv_output_width(224, 11, 4, 0) == 54 and conv_output_width(227, 11, 4, 0) == 55
    body = COURSE.get("cnn").body
    assert "as the torchvision library builds it" in body and "(with 64 filters)" in body
    assert "96 filters and no" in body and "227" in body


def test_multichannel_worked_example():
    x = torch.tensor([[[1., 0, 2], [3, 1, 0], [0, 2, 1]], [[0., 1, 1], [2, 0, 1], [1, 1, 0]]])
    k = torch.tensor([[[1., 0], [0, 1]], [[0., 1], [-1, 0]]])
    per_channel = [nn.functional.conv2d(x[c].view(1, 1, 3, 3), k[c].view(1, 1, 2, 2)).view(2, 2) for c in (0, 1)]
    assert per_channel[0].tolist() == [[2, 0], [5, 2]] and per_channel[1].tolist() == [[-1, 1], [-1, 0]]
    assert (per_channel[0] + per_channel[1] + 1).tolist() == [[2, 2], [5, 3]]
    body = COURSE.get("cnn").body
    assert "0 + 1 + 1 = 2, 5 + (−1) + 1 = 5 and 2 + 0 + 1 = 3" in body
    assert "256 · 64 + 64 = 16,448" in body and n_params(nn.Conv2d(256, 64, 1)) == 16_448


def test_batchnorm_eval_key():
    """In training mode an image's output depends on its batch mates; after model.eval() it does not."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4))
    image, others = torch.randn(1, 1, 6, 6), [torch.randn(3, 1, 6, 6) for _ in range(2)]
    outputs = [net(torch.cat([image, o]))[0] for o in others]
    assert not torch.allclose(*outputs)
    net.eval()
    outputs = [net(torch.cat([image, o]))[0] for o in others]
    assert torch.allclose(*outputs)
    assert QUIZ.question("cnn-batchnorm-eval").answer == "a"
