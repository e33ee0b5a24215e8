# expect: return logits, not probabilities
# expect-zh: 返回 logits，而不是概率
import torch


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return torch.softmax(h @ W2.T + b2, dim=1)
