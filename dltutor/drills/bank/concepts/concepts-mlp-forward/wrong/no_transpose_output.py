# expect: then h @ W2.T + b2
# expect-zh: 再 h @ W2.T + b2
import torch


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return h @ W2 + b2
