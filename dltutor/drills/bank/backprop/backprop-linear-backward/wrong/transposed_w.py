# expect: grad_w has the shape of w
# expect-zh: grad_w 的形状和 w 一样
def linear_backward(x, w, grad_out):
    return grad_out @ w, x.T @ grad_out, grad_out.sum(dim=0)
