# expect: the first window
# expect-zh: 第一个窗口也要算上
def conv_output_size(w, k, s=1, p=0, d=1):
    return (w + 2 * p - d * (k - 1) - 1) // s
