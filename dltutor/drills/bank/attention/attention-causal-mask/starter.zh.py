"""因果注意力权重（因果掩码，causal mask）：每个位置只能往回看。

任务：编写 causal_weights(scores) -> weights。

    weights[..., i, j] = scores[..., i, j] 在 j ≤ i 上的 softmax
    weights[..., i, j] = 0，当 j > i（未来）

形状：scores 为 [B..., n, n] 浮点张量（前面可以有任意批量维度，也可以
没有）；返回形状和 dtype 都相同的 weights，每行的和为 1。

规则：不要用 F.scaled_dot_product_attention 或 nn.MultiheadAttention。
可以用 torch.triu、torch.tril、masked_fill 和 torch.softmax。不要修改
输入。

例子（三个位置，分数全为 0）：
    >>> causal_weights(torch.zeros(3, 3))
    tensor([[1.0000, 0.0000, 0.0000],
            [0.5000, 0.5000, 0.0000],
            [0.3333, 0.3333, 0.3333]])
"""

import torch


def causal_weights(scores: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError("TODO：先遮住未来的位置，再做 softmax")
