"""带动量（momentum）的 SGD 走一步，按 torch.optim.SGD 的约定。

任务：编写 momentum_step(p, g, v, lr, mu)。已知参数 p、它的梯度 g 和
它的速度 v，返回新的参数和速度：

    v_new = mu · v + g
    p_new = p − lr · v_new

这就是 torch.optim.SGD(params, lr=lr, momentum=mu) 做的事（dampening
为 0，nesterov 为 False）。速度的初始值为全零。

形状和类型：
    p, g, v: 形状和 dtype 都相同的浮点张量
    lr: float > 0，学习率；  mu: [0, 1) 中的 float，动量
    返回 (p_new, v_new)，形状和 dtype 都与 p 相同

规则：不要用 torch.optim。可以原地更新 p 和 v，也可以返回新张量；
无论哪种都要把两者都返回。不要修改 g。

例子（第一步，v = 0）：
    >>> p, g = torch.tensor([1., 2.]), torch.tensor([0.5, -1.])
    >>> momentum_step(p, g, torch.zeros(2), lr=0.1, mu=0.9)
    (tensor([0.9500, 2.1000]), tensor([ 0.5000, -1.0000]))
"""

import torch


def momentum_step(p: torch.Tensor, g: torch.Tensor, v: torch.Tensor,
                  lr: float, mu: float) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO：先更新 v，再用它更新 p")
