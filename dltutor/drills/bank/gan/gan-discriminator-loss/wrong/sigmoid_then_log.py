# expect: binary_cross_entropy_with_logits
# expect-zh: 请用 F.binary_cross_entropy_with_logits
import torch


def d_loss(real_logits, fake_logits):
    real = -torch.log(torch.sigmoid(real_logits)).mean()
    fake = -torch.log(1 - torch.sigmoid(fake_logits)).mean()
    return real + fake
