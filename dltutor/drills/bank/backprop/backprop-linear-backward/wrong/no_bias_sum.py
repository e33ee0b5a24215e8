# expect: collects the gradient of every sample
# expect-zh: 要收集每个样本的梯度
def linear_backward(x, w, grad_out):
    return grad_out @ w, grad_out.T @ x, grad_out
