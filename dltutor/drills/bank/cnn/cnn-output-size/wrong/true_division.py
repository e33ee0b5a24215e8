# expect: round down with //
# expect-zh: 向下取整
def conv_output_size(w, k, s=1, p=0, d=1):
    return (w + 2 * p - d * (k - 1) - 1) / s + 1
