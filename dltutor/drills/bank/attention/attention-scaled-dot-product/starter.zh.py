"""缩放点积注意力（scaled dot-product attention），与
F.scaled_dot_product_attention 相同。

任务：编写 attention(q, k, v) -> (output, weights)。

    weights = softmax(q kᵀ / √d)    沿键的方向（最后一维）做 softmax
    output  = weights v

形状（同一 dtype 的浮点张量；B... 表示任意批量维度，也可以没有）：
    q: [B..., n, d]    n 个大小为 d 的查询
    k: [B..., m, d]    m 个同样大小为 d 的键
    v: [B..., m, dv]   每个键对应一行值
    返回 (output [B..., n, dv], weights [B..., n, m])；weights 的每一行
    之和为 1。

规则：不要用 F.scaled_dot_product_attention 或 nn.MultiheadAttention。
可以用 torch.softmax。不要修改输入。

例子（课上的第一个词元：分数为 4、0、2，除以 √4 = 2）：
    >>> q = torch.tensor([[2., 0, 2, 0]])
    >>> k = torch.tensor([[1., 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]])
    >>> v = torch.tensor([[1., 0], [0, 1], [1, 1]])
    >>> out, w = attention(q, k, v)
    >>> w.round(decimals=3), out.round(decimals=3)
    (tensor([[0.6650, 0.0900, 0.2450]]), tensor([[0.9100, 0.3350]]))
"""

import torch


def attention(q: torch.Tensor, k: torch.Tensor,
              v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：分数，softmax 权重，加权求和")
