# expect: super().__init__()
# expect-zh: 先调用 super().__init__()
import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features=4, hidden=8, out_features=3):
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))
