# expect: opt_d.zero_grad()
# expect-zh: 在 D 的 backward 之前调用 opt_d.zero_grad()
import torch
import torch.nn.functional as F


def train_step(G, D, opt_g, opt_d, real, z):
    bce = F.binary_cross_entropy_with_logits
    fake = G(z)
    real_logits, fake_logits = D(real), D(fake.detach())
    d_loss = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    d_loss.backward()
    opt_d.step()
    fake_logits = D(fake)
    g_loss = bce(fake_logits, torch.ones_like(fake_logits))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    return d_loss.item(), g_loss.item()
