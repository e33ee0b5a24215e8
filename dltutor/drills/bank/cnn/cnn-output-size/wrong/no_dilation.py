# expect: dilation
# expect-zh: 要用上膨胀系数
def conv_output_size(w, k, s=1, p=0, d=1):
    return (w + 2 * p - k) // s + 1
