# expect: on both sides
# expect-zh: 要加在两侧
def conv_output_size(w, k, s=1, p=0, d=1):
    return (w + p - d * (k - 1) - 1) // s + 1
