# expect: no activation on the output
# expect-zh: 输出层不加激活函数
import torch


def forward(x, W1, b1, W2, b2):
    h = torch.relu(x @ W1.T + b1)
    return torch.relu(h @ W2.T + b2)
