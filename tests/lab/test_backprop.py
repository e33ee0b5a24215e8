import pytest
import torch

from dltutor.lab import manual_mlp
from tests.lab.stream import check_shape, collect, samples, series


def _problem(seed: int, scale: float = 1.0):
    gen = torch.Generator().manual_seed(seed)
    params = manual_mlp.init(7, 5, 4, seed)
    params = {name: t * scale for name, t in params.items()}
    x = torch.randn(11, 7, generator=gen, dtype=torch.float64)
    y = torch.randint(0, 4, (11,), generator=gen)
    return params, x, y


@pytest.mark.parametrize("seed,scale", [(0, 1.0), (1, 1.0), (2, 30.0)])  # 30×: saturated tanh, huge logits
def test_hand_written_gradients_equal_autograd(seed, scale):
    params, x, y = _problem(seed, scale)
    loss, grads = manual_mlp.loss_and_grads(params, x, y)
    leaves = {name: t.clone().requires_grad_() for name, t in params.items()}
    reference = torch.nn.functional.cross_entropy(manual_mlp.forward(leaves, x)[0], y)
    auto = torch.autograd.grad(reference, [leaves[n] for n in manual_mlp.NAMES])
    assert abs(loss.item() - reference.item()) <= 1e-10
    for name, g in zip(manual_mlp.NAMES, auto):
        assert grads[name].shape == g.shape
        assert (grads[name] - g).abs().max().item() <= 1e-10, name


def test_gradient_check_catches_a_wrong_backward():
    """The agreement test must be able to fail: drop tanh's derivative and the gap is large."""
    params, x, y = _problem(0)
    logits, h = manual_mlp.forward(params, x)
    _, probs = manual_mlp.cross_entropy(logits, y)
    d_logits = (probs - torch.nn.functional.one_hot(y, 4)) / len(y)
    wrong_dw1 = (d_logits @ params["W2"]).T @ x  # forgot × (1 − h²)
    assert (wrong_dw1 - manual_mlp.loss_and_grads(params, x, y)[1]["W1"]).abs().max() > 1e-3


def test_backprop_run_agrees_and_learns():
    events = collect("backprop", epochs=2, report_every=5)
    done = check_shape(events, "backprop")
    assert done.target_met, done.metrics
    assert done.metrics["max_grad_diff"] <= 1e-10 and done.metrics["max_loss_diff"] <= 1e-10
    assert events[0].total_steps == done.steps == 2 * 23  # 1,438 training digits in batches of 64
    manual, auto = series(events, "loss/manual"), series(events, "loss/autograd")
    assert manual[-1] < manual[0] * 0.5
    assert max(abs(a - b) for a, b in zip(manual, auto)) <= 1e-6  # reported as float32: the curves coincide
    pictures = samples(events, "gradients")
    assert len(pictures) == 2
    rows = pictures[-1].data["rows"]
    assert [r["parameter"] for r in rows] == list(manual_mlp.NAMES)
    assert all(r["max_abs_diff"] <= 1e-10 and len(r["manual"]) == len(r["autograd"]) > 0 for r in rows)
