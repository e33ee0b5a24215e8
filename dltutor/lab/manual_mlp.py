"""A two-layer MLP (Linear → tanh → Linear, softmax cross-entropy) whose backward pass is written by hand.

Shared by the backprop exercise (hand-written gradients vs autograd) and the framework exercise (the
same model at PyTorch's three levels). Only tensor ops: no autograd, no torch.nn. Weights use
nn.Linear's layout (W is [out, in]) so they copy straight into an nn.Module.
"""

from __future__ import annotations

import torch

NAMES = ("W1", "b1", "W2", "b2")
Params = dict[str, torch.Tensor]


def init(n_in: int, hidden: int, n_out: int, seed: int, dtype=torch.float64, device="cpu") -> Params:
    """nn.Linear's default init (uniform ±1/√fan_in), drawn on a seeded CPU generator: the same numbers on every
    device."""
    gen = torch.Generator().manual_seed(seed)
    shapes = {"W1": (hidden, n_in), "b1": (hidden,), "W2": (n_out, hidden), "b2": (n_out,)}
    fan_in = {"W1": n_in, "b1": n_in, "W2": hidden, "b2": hidden}
    return {name: ((torch.rand(shape, generator=gen, dtype=torch.float64) * 2 - 1) / fan_in[name] ** 0.5)
            .to(device=device, dtype=dtype) for name, shape in shapes.items()}


def forward(p: Params, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits and the hidden activations (kept for the backward pass)."""
    h = torch.tanh(x @ p["W1"].T + p["b1"])
    return h @ p["W2"].T + p["b2"], h


def cross_entropy(logits: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean cross-entropy and the softmax probabilities. Subtracting the row max first keeps exp() from overflowing."""
    shifted = logits - logits.amax(1, keepdim=True)
    e = shifted.exp()
    total = e.sum(1, keepdim=True)
    loss = (total.log().squeeze(1) - shifted.gather(1, y[:, None]).squeeze(1)).mean()
    return loss, e / total


def loss(p: Params, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The forward pass only: with requires_grad parameters, autograd can differentiate exactly this."""
    return cross_entropy(forward(p, x)[0], y)[0]


def loss_and_grads(p: Params, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, Params]:
    """The loss and ∂loss/∂parameter for every parameter, by the chain rule written out layer by layer."""
    logits, h = forward(p, x)
    value, probs = cross_entropy(logits, y)
    d_logits = probs.clone()  # ∂L/∂z₂ = (softmax(z₂) − onehot(y)) / N for the mean loss
    d_logits[torch.arange(len(y), device=y.device), y] -= 1
    d_logits /= len(y)
    d_h = d_logits @ p["W2"]  # back through the second Linear
    d_z1 = d_h * (1 - h * h)  # tanh′(z) = 1 − tanh(z)²
    grads = {"W2": d_logits.T @ h, "b2": d_logits.sum(0), "W1": d_z1.T @ x, "b1": d_z1.sum(0)}
    return value, grads


def sgd_step(p: Params, grads: Params, lr: float) -> None:
    """Plain gradient descent, in place: w ← w − lr·∂L/∂w."""
    for name in NAMES:
        p[name].sub_(lr * grads[name])


def accuracy(p: Params, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Fraction correct as a 0-d tensor (no device sync until read)."""
    return (forward(p, x)[0].argmax(1) == y).to(x.dtype).mean()


def count(p: Params) -> int:
    return sum(t.numel() for t in p.values())


def float64_device(device: torch.device) -> torch.device:
    """Apple's MPS has no float64: those runs use the CPU instead (they are small)."""
    return torch.device("cpu") if device.type == "mps" else device
