# expect: ReLU between the layers
# expect-zh: 在两层之间加上 ReLU
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features=4, hidden=8, out_features=3):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x):
        return self.fc2(self.fc1(x))
