"""Your own nn.Module: reference solution."""

import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features: int = 4, hidden: int = 8,
                 out_features: int = 3):
        # First: sets up the registries that make parameters() work.
        super().__init__()
        # Modules assigned as attributes are registered automatically.
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Logits: the loss applies softmax itself, so none here.
        return self.fc2(torch.relu(self.fc1(x)))
