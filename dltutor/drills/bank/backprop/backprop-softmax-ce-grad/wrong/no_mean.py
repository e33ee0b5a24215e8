# expect: divide by the batch size
# expect-zh: 要除以批量大小
import torch


def softmax_ce_grad(logits, targets):
    grad = torch.softmax(logits, dim=1)
    grad[torch.arange(len(targets)), targets] -= 1
    return grad
