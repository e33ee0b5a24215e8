"""基于 logits 的判别器损失：参考答案。"""

import torch
import torch.nn.functional as F


def d_loss(real_logits: torch.Tensor,
           fake_logits: torch.Tensor) -> torch.Tensor:
    # 带 _with_logits 的版本在内部以稳定的方式做 sigmoid：即使 logits
    # 接近 +-1000，它也从不计算 log(0)。
    # ones_like / zeros_like：标签与 logits 的形状和 dtype 相同。
    real = F.binary_cross_entropy_with_logits(
        real_logits, torch.ones_like(real_logits))     # 真样本 -> 1
    fake = F.binary_cross_entropy_with_logits(
        fake_logits, torch.zeros_like(fake_logits))    # 假样本 -> 0
    return real + fake
