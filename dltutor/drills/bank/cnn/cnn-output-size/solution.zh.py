"""卷积的输出尺寸：参考答案。"""


def conv_output_size(w: int, k: int, s: int = 1, p: int = 0,
                     d: int = 1) -> int:
    # 空洞卷积核的相邻元素相隔 d：它覆盖 d*(k-1)+1 个像素。
    span = d * (k - 1) + 1
    padded = w + 2 * p          # 两侧都要加上填充
    if padded < span:
        raise ValueError(f"kernel span {span} is larger than the padded "
                         f"input {padded}")
    # 第一个窗口算一个（+1）；之后每多一个窗口，就要再多 s 个像素。
    # // 向下取整，结果仍是 int。
    return (padded - span) // s + 1
