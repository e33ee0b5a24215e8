"""简单 RNN 走一步：参考答案。"""

import torch


def rnn_step(x_t: torch.Tensor, h: torch.Tensor, W: torch.Tensor,
             U: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # 每行一个样本，所以课程里的 W x 写成 x @ W.T（[N, H]）。
    # U 是方阵：忘了 .T 也不会报错，只会算错。
    # tanh 让隐状态每一步都保持在 (-1, 1) 之内。
    return torch.tanh(x_t @ W.T + h @ U.T + b)
