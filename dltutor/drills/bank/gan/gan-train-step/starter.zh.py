"""GAN（生成对抗网络）训练一步：先 D，后 G。

任务：编写 train_step(G, D, opt_g, opt_d, real, z) -> (d_loss, g_loss)。

1. 判别器这一步。fake = G(z)。损失为
       d_loss = BCE(D(real), 1) + BCE(D(fake), 0)
   （在 logits 上计算 BCE，各自在自己的批量上取平均）。用 opt_d 更新 D。
   这一步不能改变 G，也不能把梯度传进 G：要对伪造的批量做 detach。
2. 生成器这一步，用非饱和损失。用更新之后的 D：
       g_loss = BCE(D(fake), 1)
   只用 opt_g 更新 G；这一步中 D 的权重不能变。

每个优化器在它的 backward() 之前都要调用 zero_grad()：否则梯度会累加，
而且生成器那一步会在 D 里留下梯度。

类型和形状：
    G: nn.Module，噪声 [N, Z] -> 样本 [N, X]
    D: nn.Module，样本 [N, X] -> logits [N, 1]
    opt_g, opt_d: 分别管理 G 和 D 的参数的 torch 优化器
    real: [N, X] 浮点张量，一批真实样本
    z: [N, Z] 浮点张量，这一步用的噪声
    返回 (d_loss, g_loss)，都是 Python float：这一步中算出的两个损失
        （各自在更新之前）

规则：用 F.binary_cross_entropy_with_logits（或 nn.BCEWithLogitsLoss）。
不要修改 real 或 z。

例子（未训练的小网络；完整的循环见课程）：
    >>> G, D = nn.Linear(2, 2), nn.Linear(2, 1)
    >>> opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
    >>> opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
    >>> d, g = train_step(G, D, opt_g, opt_d, torch.randn(8, 2),
    ...                   torch.randn(8, 2))
    >>> type(d), type(g)
    (<class 'float'>, <class 'float'>)
"""

import torch
import torch.nn.functional as F
from torch import nn


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer,
               opt_d: torch.optim.Optimizer, real: torch.Tensor,
               z: torch.Tensor) -> tuple[float, float]:
    raise NotImplementedError("TODO：先做 D 步（假样本 detach），再做 G 步")
