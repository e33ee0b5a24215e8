# expect: W1 has one row per hidden unit
import torch


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1 + b1)
    return h @ W2.T + b2
