"""GAN 训练一步：参考答案。"""

import torch
import torch.nn.functional as F
from torch import nn


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer,
               opt_d: torch.optim.Optimizer, real: torch.Tensor,
               z: torch.Tensor) -> tuple[float, float]:
    bce = F.binary_cross_entropy_with_logits
    fake = G(z)

    # 1) 判别器：真样本 -> 1，假样本 -> 0。detach() 在假样本处切断
    # 计算图，所以这次反向传播到不了 G。
    real_logits = D(real)
    fake_logits = D(fake.detach())
    d_loss = (bce(real_logits, torch.ones_like(real_logits))
              + bce(fake_logits, torch.zeros_like(fake_logits)))
    opt_d.zero_grad()        # 清掉上一次 G 那一步留在 D 里的梯度
    d_loss.backward()
    opt_d.step()

    # 2) 生成器，非饱和损失：更新后的 D 应该把假样本判为真。
    # 这次反向传播也会填充 D 的 .grad，但只有 opt_g 走一步。
    fake_logits = D(fake)
    g_loss = bce(fake_logits, torch.ones_like(fake_logits))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()

    # 返回普通的 float，用于记录；不让任何计算图继续存活。
    return d_loss.item(), g_loss.item()
