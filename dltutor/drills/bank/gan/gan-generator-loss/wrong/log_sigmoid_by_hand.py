# expect: binary_cross_entropy_with_logits
# expect-zh: 请用 F.binary_cross_entropy_with_logits
import torch


def g_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
