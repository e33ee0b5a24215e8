# expect: differentiable
# expect-zh: 要让损失保持可微
import torch
import torch.nn.functional as F


def d_loss(real_logits, fake_logits):
    bce = F.binary_cross_entropy_with_logits
    loss = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    return torch.tensor(loss.item())
