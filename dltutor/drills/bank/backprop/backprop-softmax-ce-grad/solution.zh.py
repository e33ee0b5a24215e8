"""softmax 交叉熵（取平均）的梯度：参考答案。"""

import torch


def softmax_ce_grad(logits: torch.Tensor, targets: torch.Tensor
                    ) -> torch.Tensor:
    n = logits.shape[0]
    # torch.softmax 在内部先减去最大值，所以很大的 logits 也安全。
    # 它返回一个新张量，修改它不会动到 logits。
    grad = torch.softmax(logits, dim=1)
    # dL/dz = p - onehot(t)：在每个样本的真实类别处减去 1。
    grad[torch.arange(n), targets] -= 1
    # 损失是整个批量上的平均：每个样本占 1/N。
    return grad / n
