"""手写最大汇聚（max pooling）：参考答案。"""

import torch


def max_pool2d(x: torch.Tensor, k: int, s: int | None = None
               ) -> torch.Tensor:
    s = k if s is None else s        # PyTorch 的默认值：窗口紧挨着排开
    c, h, w = x.shape
    # 只取完整放得下的窗口（向下取整，即 PyTorch 的 ceil_mode=False）。
    h_out = (h - k) // s + 1
    w_out = (w - k) // s + 1
    out = x.new_empty(c, h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * s:i * s + k, j * s:j * s + k]   # [C, k, k]
            # 每个通道的窗口各取最大值；通道之间互不混合。
            out[:, i, j] = window.amax(dim=(1, 2))
    return out
