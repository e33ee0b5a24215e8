"""卷积（convolution）沿一个维度的输出尺寸。

任务：编写 conv_output_size(w, k, s, p, d)。它返回卷积沿一个大小为 w 的
维度会给出多少个输出（高和宽用的是同一个公式）：

    w: 输入大小（像素）              k: 卷积核大小
    s: 步幅（默认 1）                p: 每一侧的零填充（默认 0）
    d: 膨胀系数（dilation，默认 1）：卷积核的相邻元素相隔 d 个像素

类型：所有参数都是 Python int（w ≥ 1，k ≥ 1，s ≥ 1，p ≥ 0，d ≥ 1）。
返回：一个 Python int，与 nn.Conv2d / F.conv2d 给出的数相同。
如果卷积核连一次都放不进填充后的输入，就抛出 ValueError（PyTorch
在这种情况下也会报错）。

课上的公式（d = 1 时）：⌊(W − K + 2P) / S⌋ + 1。

例子：
    >>> conv_output_size(4, 3)                 # 课上讲过的例子
    2
    >>> conv_output_size(224, 11, s=4, p=2)    # AlexNet 的第一层
    55
"""


def conv_output_size(w: int, k: int, s: int = 1, p: int = 0,
                     d: int = 1) -> int:
    raise NotImplementedError("TODO：⌊(w + 2p − span) / s⌋ + 1")
