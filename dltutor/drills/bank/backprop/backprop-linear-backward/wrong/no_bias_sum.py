# expect: collects the gradient of every sample
def linear_backward(x, w, grad_out):
    return grad_out @ w, grad_out.T @ x, grad_out
