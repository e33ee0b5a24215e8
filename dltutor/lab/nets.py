"""Small building blocks the exercises share: MLPs, parameter counts, metrics that stay on the device."""

from __future__ import annotations

import torch
from torch import nn

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "leaky_relu": nn.LeakyReLU,
}


def mlp(sizes: list[int], activation: str = "relu") -> nn.Sequential:
    """Linear layers of the given sizes with `activation` between them (none after the last)."""
    layers: list[nn.Module] = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        if i:
            layers.append(ACTIVATIONS[activation]())
        layers.append(nn.Linear(n_in, n_out))
    return nn.Sequential(*layers)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def clipped_step(model: nn.Module, opt: torch.optim.Optimizer, loss: torch.Tensor, clip: float) -> None:
    """One update: gradients of `loss`, the model's gradient norm clipped to `clip` (0 = no clipping), a step."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if clip:
        nn.utils.clip_grad_norm_(model.parameters(), clip)
    opt.step()


def make_optimizer(name: str, params, lr: float, **kwargs) -> torch.optim.Optimizer:
    """'sgd' (plain, optionally with momentum=...) or 'adam'."""
    return {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[name](params, lr=lr, **kwargs)


@torch.no_grad()
def predict(model: nn.Module, x: torch.Tensor, batch_size: int = 4096) -> torch.Tensor:
    """Class predictions in eval mode, batched so big sets (MNIST) fit; returns to train mode after."""
    was_training = model.training
    model.eval()
    out = torch.cat([model(chunk).argmax(1) for chunk in x.split(batch_size)])
    model.train(was_training)
    return out


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Fraction correct as a 0-d tensor on the device: no sync until someone reads it."""
    return (predict(model, x) == y).float().mean()


def confusion_matrix(pred: torch.Tensor, y: torch.Tensor, classes: int) -> torch.Tensor:
    """rows = true class, columns = predicted class."""
    return torch.bincount(y * classes + pred, minlength=classes * classes).reshape(classes, classes)


def small_cnn(channels: int = 16, classes: int = 10) -> nn.Sequential:
    """Two 3×3 conv layers, then a global max over positions: "is this feature anywhere?", not "where?"."""
    return nn.Sequential(
        nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
        nn.Conv2d(channels, 2 * channels, 3, padding=1), nn.ReLU(),
        nn.AdaptiveMaxPool2d(1), nn.Flatten(),
        nn.Linear(2 * channels, classes),
    )
