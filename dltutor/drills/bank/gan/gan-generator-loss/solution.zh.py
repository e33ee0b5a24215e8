"""非饱和的生成器损失：参考答案。"""

import torch
import torch.nn.functional as F


def g_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    # 给假样本标 1（“真”）：G 想骗过 D。这就是
    # mean(-log sigmoid(a))，当 D 识破假样本时，它的梯度仍然很大；
    # _with_logits 计算它时不会出现 log(0)。
    return F.binary_cross_entropy_with_logits(
        fake_logits, torch.ones_like(fake_logits))
