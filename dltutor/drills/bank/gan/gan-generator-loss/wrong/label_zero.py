# expect: label 1
# expect-zh: 标签是 1
import torch
import torch.nn.functional as F


def g_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
