# expect: non-saturating
# expect-zh: 请用非饱和的
import torch
import torch.nn.functional as F


def g_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
