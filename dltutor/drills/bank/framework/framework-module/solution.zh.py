"""自己写的 nn.Module：参考答案。"""

import torch
from torch import nn


class TinyMLP(nn.Module):
    def __init__(self, in_features: int = 4, hidden: int = 8,
                 out_features: int = 3):
        # 先调用它：它建好记录参数和子模块的内部字典，parameters() 才能工作。
        super().__init__()
        # 作为属性赋值的模块会被自动注册。
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # 返回 logits：损失函数自己会做 softmax，所以这里不做。
        return self.fc2(torch.relu(self.fc1(x)))
