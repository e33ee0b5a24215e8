# expect: a plain Python list
# expect-zh: 普通 Python 列表
import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features=4, hidden=8, out_features=3):
        super().__init__()
        self.layers = [nn.Linear(in_features, hidden), nn.Linear(hidden, out_features)]

    def forward(self, x):
        return self.layers[1](torch.relu(self.layers[0](x)))
