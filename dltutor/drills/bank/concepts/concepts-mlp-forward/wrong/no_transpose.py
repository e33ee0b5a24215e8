# expect: W1 [H, D] and W2 [C, H] have one row per unit
# expect-zh: 每个单元占一行
import torch


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1 + b1)
    return h @ W2.T + b2
