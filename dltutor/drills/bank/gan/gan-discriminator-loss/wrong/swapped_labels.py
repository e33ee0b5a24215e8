# expect: real samples get label 1
# expect-zh: 真实样本的标签是 1
import torch
import torch.nn.functional as F


def d_loss(real_logits, fake_logits):
    bce = F.binary_cross_entropy_with_logits
    return bce(real_logits, torch.zeros_like(real_logits)) + bce(fake_logits, torch.ones_like(fake_logits))
