"""GAN 基于 logits 的判别器损失（discriminator loss）。

D 对每个样本给出一个 logit（原始分数）：σ(logit) 是该样本为真的概率。
任务：编写 d_loss(real_logits, fake_logits)

    d_loss = BCE(real_logits, label 1) + BCE(fake_logits, label 0)

其中 BCE(a, y) 是 σ(a) 与标签 y 的二元交叉熵，在批量上取平均（和
F.binary_cross_entropy_with_logits 的算法一样）。两个平均值要相加，
和课上的训练循环一样。

形状和类型：
    real_logits: [N, 1] 浮点张量，D 对 N 个真实样本给出的 logits
    fake_logits: [M, 1] 浮点张量，D 对 M 个伪造样本给出的 logits
        （M 可以与 N 不同）
    返回：一个 0 维张量，可微（之后会对它调用 .backward()）

规则：logits 很有把握（±1000）时结果也必须有限。不要修改输入。

例子（D 对什么都拿不准：logits 为 0，所以处处 σ = 1/2）：
    >>> d_loss(torch.zeros(4, 1), torch.zeros(3, 1))
    tensor(1.3863)
"""

import torch
import torch.nn.functional as F


def d_loss(real_logits: torch.Tensor,
           fake_logits: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：BCE(real, 1) + BCE(fake, 0)")
