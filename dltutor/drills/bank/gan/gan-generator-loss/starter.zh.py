"""GAN 的非饱和生成器损失（generator loss）。

D 对每个伪造样本给出一个 logit a（σ(a) 是 D 认为它为真的概率）。
任务：编写 g_loss(fake_logits)，即非饱和损失

    g_loss = −log σ(a) 在批量上的平均值

它等于伪造样本的 logits 与标签 1（“真”）的二元交叉熵：生成器希望 D
把它伪造的样本判为真。

形状和类型：
    fake_logits: [N, 1] 浮点张量，D 对 N 个伪造样本给出的 logits
    返回：一个 0 维张量，可微（之后会对它调用 .backward()）

规则：logits 很有把握（±1000）时结果也必须有限。不要用饱和的极小极大
形式 mean(log(1 − σ(a)))。不要修改输入。

例子（D 拿不准：logits 为 0，σ = 1/2，所以损失是 ln 2）：
    >>> g_loss(torch.zeros(5, 1))
    tensor(0.6931)
"""

import torch
import torch.nn.functional as F


def g_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：假样本以标签 1 计算 BCE")
