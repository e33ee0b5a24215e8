"""The gan quiz's answer key, recomputed by optimisation and autograd rather than restated."""

import math

import pytest
import torch
from torch import nn

from tests.lessons.answer_key import COURSE, answer_key_tests
from tests.lessons.explained_numbers import Derived
from tests.lessons.lesson_code import one_cpu_thread  # noqa: F401 (autouse fixture)
from tests.lessons.lesson_code import block_output

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


def value_when_matched(d: float | None = None, *, real_term_only: bool = False, no_one_minus: bool = False) -> float:
    """V = E[log D(x)] + E[log(1 − D(G(z)))] on a distribution that G matches, with D constant at `d`
    (None: the optimal D* = p_data / (p_data + p_g)). The flags compute the wrong paths a distractor takes."""
    p = torch.tensor([0.1, 0.2, 0.3, 0.4], dtype=torch.float64)
    disc = p / (p + p) if d is None else torch.full_like(p, d)
    real = (p * disc.log()).sum()
    fake = (p * (disc if no_one_minus else 1 - disc).log()).sum()
    return (real if real_term_only else real + fake).item()


def value_at_equilibrium() -> float:
    return value_when_matched()


def logit_gradients(d_fake: float) -> tuple[float, float]:
    """(∂/∂a log(1 − σ(a)), ∂/∂a [−log σ(a)]) at σ(a) = d_fake, by autograd: the minimax and the
    non-saturating generator loss."""
    a = torch.logit(torch.tensor(d_fake, dtype=torch.float64)).requires_grad_()
    (minimax,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(a)), a)
    (nonsaturating,) = torch.autograd.grad(-torch.log(torch.sigmoid(a)), a)
    return minimax.item(), nonsaturating.item()


def nonsaturating_gain(d_fake: float) -> float:
    """|∂(−log σ(a))/∂a| / |∂ log(1 − σ(a))/∂a| at σ(a) = d_fake."""
    minimax, nonsaturating = logit_gradients(d_fake)
    return abs(nonsaturating) / abs(minimax)


RECOMPUTE = {
    "gan-optimal-d": lambda: optimal_discriminator(p_data=0.2, p_g=0.6),
    "gan-equilibrium-value": lambda: value_when_matched(0.8),
    "gan-nonsat-ratio": lambda: nonsaturating_gain(0.05),
    "gan-transposed-size": lambda: nn.ConvTranspose2d(64, 32, kernel_size=3, stride=2, padding=1)(
        torch.zeros(1, 64, 5, 5)).shape[-1],
}


def transposed_width(w: int, k: int, s: int = 2, p: int = 1, output_padding: int = 0) -> int:
    layer = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, output_padding=output_padding)
    return layer(torch.zeros(1, 1, w, w)).shape[-1]


# Every number an explanation or hint states beyond the prompt, the wrong paths included: recomputed here,
# or cited (explained_numbers.py).
EXPLAINED = {
    "gan-optimal-d": {
        "0.25": lambda: optimal_discriminator(0.2, 0.6),
        "25": Derived(lambda: 100 * optimal_discriminator(0.2, 0.6), tolerance=1e-3),  # '25 % real'
        "0.8": lambda: 0.2 + 0.6,
        "0.75": lambda: optimal_discriminator(0.6, 0.2),  # the formula upside down
        "0.5": lambda: optimal_discriminator(0.4, 0.4),  # equal densities
    },
    "gan-equilibrium-value": {
        "−1.833": lambda: value_when_matched(0.8),
        "−0.223": lambda: value_when_matched(0.8, real_term_only=True),
        "−1.609": lambda: math.log(1 - 0.8),
        "−1.386": lambda: value_when_matched(),  # D = D* = 1/2
        "4": Derived(lambda: math.exp(-value_when_matched()), tolerance=1e-6),  # −log 4
        "2": Derived(lambda: 1 / optimal_discriminator(0.5, 0.5), tolerance=1e-4),  # D* = 1/2 (and 2 ln 0.8)
        "−0.446": lambda: value_when_matched(0.8, no_one_minus=True),
    },
    "gan-transposed-size": {
        "10": lambda: transposed_width(5, 3, output_padding=1),
        "3": lambda: nn.Conv2d(1, 1, 3, stride=2, padding=1)(torch.zeros(1, 1, 5, 5)).shape[-1],  # the conv formula
        "11": lambda: transposed_width(5, 3, p=0),  # (W − 1)·S + K: the − 2P forgotten
        "4": lambda: next(k for k in range(1, 9) if transposed_width(5, k) == 2 * 5),  # the kernel that doubles
    },
    "gan-loss-quality": {
        "1.39": lambda: 2 * math.log(2),  # D's loss when it outputs 1/2 everywhere
        "1": Derived(lambda: 2 * optimal_discriminator(1.0, 1.0), tolerance=1e-4),  # D = 1/2 minimises it
    },
    "gan-nonsat-ratio": {
        "−0.95": lambda: logit_gradients(0.05)[1],
        "0.95": lambda: abs(logit_gradients(0.05)[1]),
        "19": lambda: nonsaturating_gain(0.05),
    },
}
FACTS = {
    "gan-objective": {"0": "D's output for 'fake' (D is a probability of 'real'; label 0, Goodfellow et al., 2014)"},
    "gan-optimal-d": {"1": "the 1 − y of the fake term: y is a probability (Goodfellow et al., 2014, Prop. 1)"},
    "gan-nonsat-ratio": {"0": "D's output when it rejects a fake easily"},
    "gan-nonsat-why": {"0": "D's output when it rejects a fake easily"},
    "gan-training-order": {"2014": "Goodfellow et al., 'Generative Adversarial Nets', NeurIPS 2014, Algorithm 1"},
    "gan-vae": {"0": "the standard normal N(0, I) prior (Kingma and Welling, 2014)"},
}


# The shared answer-key tests (see answer_key.py): every numeric key matches its recomputation, and every
# number in an explanation or hint is given, recomputed or cited.
globals().update(answer_key_tests("gan", RECOMPUTE, explained=EXPLAINED, facts=FACTS))


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


def lesson_gan_loop(seed: int = 0, detach: bool = True) -> str:
    """The lesson's 1-D GAN loop, run as written (or with `.detach()` deleted, as the quiz asks)."""

    def edit(code: str) -> str:
        assert "torch.manual_seed(0)" in code and ".detach()" in code
        code = code.replace("torch.manual_seed(0)", f"torch.manual_seed({seed})")
        return code if detach else code.replace(".detach()", "")

    return block_output("gan", "real_batch", edit)


def gan_loop_rows(seed: int) -> dict[int, dict[str, float]]:
    import re

    rows = {}
    for line in lesson_gan_loop(seed).splitlines():
        step, d, g, mean, std = map(float, re.findall(r"-?\d+\.?\d*", line))
        rows[int(step)] = {"d": d, "g": g, "mean": mean, "std": std}
    return rows


def test_gan_loop_numbers_the_lesson_quotes():
    """'mean first overshot to about 6.4, fell to 3.2, close to 4 from step 150 on; spread between about 0.3
    and 0.8, jumped to 2.7 at step 250, fell back to 0.5; seed 3 ends near 1.0; D loss near 1.39, G near 0.69.'"""
    rows = gan_loop_rows(0)
    assert rows[50]["mean"] == pytest.approx(6.4, abs=0.05) and rows[100]["mean"] == pytest.approx(3.2, abs=0.05)
    assert all(abs(rows[s]["mean"] - 4) < 0.15 for s in (150, 200, 250, 300))
    assert all(0.3 <= rows[s]["std"] <= 0.85 for s in (50, 100, 150, 200))
    assert rows[250]["std"] == pytest.approx(2.7, abs=0.05) and rows[300]["std"] == pytest.approx(0.5, abs=0.05)
    assert all(abs(rows[s]["d"] - 2 * math.log(2)) < 0.05 for s in (100, 150, 200, 250, 300))
    assert all(abs(rows[s]["g"] - math.log(2)) < 0.1 for s in (100, 150, 200, 250, 300))
    assert gan_loop_rows(3)[300]["std"] == pytest.approx(1.0, abs=0.05)
    text = COURSE.get("gan").body
    for quoted in ("overshot to about 6.4, fell to 3.2", "jumped to 2.7 at step 250, and fell back to 0.5",
                   "ends with a spread near 1.0"):
        assert quoted in text


def test_deleting_detach_in_the_lessons_loop_raises_the_error_the_lesson_and_quiz_name():
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        lesson_gan_loop(detach=False)
    assert "Trying to backward through the graph a second time" in COURSE.get("gan").body
    q = QUIZ.question("gan-detach")
    assert q.answer == "a" and "Trying to backward through the graph a second time" in q.choices["a"]


def test_detach_snippet_shows_the_three_facts():
    assert block_output("gan", "g_d, = torch.autograd.grad").splitlines() == [
        "True", "Trying to backward through the graph a second time", "True"]


def test_new_gan_snippets_print_what_their_comments_say():
    assert block_output("gan", "nn.ConvTranspose2d(128, 64").splitlines() == ["(16, 1, 28, 28)", "(16, 1)"]
    # An ordinary convolution with K = 4, S = 2, P = 1 halves an even width, as the lesson states.
    down = nn.Conv2d(1, 1, kernel_size=4, stride=2, padding=1)
    assert all(down(torch.zeros(1, 1, w, w)).shape[-1] == (w - 4 + 2) // 2 + 1 == w // 2 for w in (28, 14))
    assert block_output("gan", "y_onehot").strip() == "(3, 2) (3, 1)"
    assert block_output("gan", "penalty").strip() == "torch.Size([64, 1]) True"
    # W_out = (W_in − 1)·S − 2P + K, as the lesson states, for K = 4, S = 2, P = 1.
    up = nn.ConvTranspose2d(1, 1, kernel_size=4, stride=2, padding=1)
    assert all(up(torch.zeros(1, 1, w, w)).shape[-1] == (w - 1) * 2 - 2 + 4 == 2 * w for w in (3, 7, 14))


def test_lesson_prose_numbers():
    body = " ".join(COURSE.get("gan").body.split())
    assert round(nonsaturating_gain(0.02)) == 49 and "**49 times larger**" in body
    assert optimal_discriminator(0.3, 0.1) == pytest.approx(0.75, abs=1e-6) and "= 0.75." in body
    assert -math.log(4) == pytest.approx(-1.386, abs=5e-4) and "−log 4 ≈ −1.386" in body


def test_no_text_claims_a_missing_detach_moves_g_by_itself():
    """With separate optimisers opt_d.step() cannot change G (issue 13): the old claim must not come back."""
    texts = [COURSE.get("gan").body] + [q.explanation for q in QUIZ.questions]
    assert not [t for t in texts if "would move G in the wrong direction" in t]


def test_no_text_says_detach_is_what_keeps_g_unchanged_or_that_minimax_is_flat_in_d():
    """Only opt_d stepping keeps G unchanged in D's step; log(1 − D) has slope −1 near D = 0, so it is
    flat only in D's logit (−σ(a) → 0), which is what the lesson and quiz must say."""
    texts = [COURSE.get("gan").body] + [q.explanation for q in QUIZ.questions]
    assert not [t for t in texts if "detached fakes so G is not changed" in t]
    d = torch.tensor(0.02, requires_grad=True)
    torch.log(1 - d).backward()
    assert d.grad.item() == pytest.approx(-1 / 0.98)  # steep in D itself
    a = torch.logit(torch.tensor(0.02)).requires_grad_()
    torch.log(1 - torch.sigmoid(a)).backward()
    assert a.grad.item() == pytest.approx(-0.02, abs=1e-6)  # flat in the logit
    assert "seen as a function of D's score before the sigmoid, it is flat" in " ".join(
        COURSE.get("gan").body.split())
