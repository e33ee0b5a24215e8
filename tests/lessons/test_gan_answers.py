"""The gan quiz's answer key, recomputed by optimisation and autograd rather than restated."""

import math

import pytest
import torch
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests

QUIZ = COURSE.get("gan").quiz


def optimal_discriminator(p_data: float, p_g: float) -> float:
    """Maximise p_data·log D + p_g·log(1 − D) over D by gradient ascent on D's logit."""
    logit = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([logit], lr=2.0)
    for _ in range(500):
        d = torch.sigmoid(logit)
        loss = -(p_data * torch.log(d) + p_g * torch.log(1 - d))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return torch.sigmoid(logit).item()


def value_at_equilibrium() -> float:
    """V = E[log D(x)] + E[log(1 − D(G(z)))] on a distribution that G matches, with D = D*."""
    p = torch.tensor([0.1, 0.2, 0.3, 0.4], dtype=torch.float64)
    d_star = p / (p + p)
    return ((p * d_star.log()).sum() + (p * (1 - d_star).log()).sum()).item()


def nonsaturating_gain(d_fake: float) -> float:
    """|∂(−log σ(a))/∂a| / |∂ log(1 − σ(a))/∂a| at σ(a) = d_fake, by autograd."""
    a = torch.logit(torch.tensor(d_fake, dtype=torch.float64)).requires_grad_()
    (g_sat,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(a)), a)
    (g_ns,) = torch.autograd.grad(-torch.log(torch.sigmoid(a)), a)
    return (g_ns.abs() / g_sat.abs()).item()


RECOMPUTE = {
    "gan-optimal-d": lambda: optimal_discriminator(p_data=0.2, p_g=0.6),
    "gan-equilibrium-value": value_at_equilibrium,
    "gan-nonsat-ratio": lambda: nonsaturating_gain(0.05),
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation.
globals().update(answer_key_tests("gan", RECOMPUTE))


def test_optimal_discriminator_matches_closed_form_elsewhere():
    for p_data, p_g in [(0.3, 0.1), (0.5, 0.5), (0.05, 0.9)]:
        assert optimal_discriminator(p_data, p_g) == pytest.approx(p_data / (p_data + p_g), abs=1e-6)


def test_equilibrium_value_is_minus_log_4_and_the_discriminator_bce_is_2_ln_2():
    assert value_at_equilibrium() == pytest.approx(-math.log(4))
    half = torch.full((1,), 0.5)
    bce = nn.functional.binary_cross_entropy
    assert (bce(half, torch.ones(1)) + bce(half, torch.zeros(1))).item() == pytest.approx(2 * math.log(2), rel=1e-6)


def test_seed_snippet_generator_output_size():
    """Four stride-2 'same' transposed convolutions on 7×7 give 112×112, which matches neither 28 nor 32."""
    up = nn.Sequential(*[nn.ConvTranspose2d(1, 1, kernel_size=4, stride=2, padding=1) for _ in range(4)])
    size = up(torch.zeros(1, 1, 7, 7)).shape[-1]
    assert size == 112 and size not in (28, 32)
    q = QUIZ.question("gan-seed-snippet")
    assert "112×112" in q.choices["b"] and "b" in q.answer
