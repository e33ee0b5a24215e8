"""The backward pass of a linear layer (全连接层的反向传播), by hand.

The forward pass was y = x wᵀ + b. Given the gradient of the loss with
respect to y, grad_out = ∂L/∂y, return the gradients of the loss with
respect to the layer's input and parameters:

    grad_x = ∂L/∂x,   grad_w = ∂L/∂w,   grad_b = ∂L/∂b

Shapes (float tensors of one dtype):
    x:        [N, D]  the layer's input, N samples
    w:        [O, D]  the weights, one row per output (as in nn.Linear)
    grad_out: [N, O]  ∂L/∂y
    returns (grad_x [N, D], grad_w [O, D], grad_b [O])

Rules: derive it with the chain rule; do not use autograd (no .backward(),
no torch.autograd). Do not change the inputs.

Example (N = 1, D = 2, O = 1):
    >>> x = torch.tensor([[1., 2.]]); w = torch.tensor([[3., 4.]])
    >>> linear_backward(x, w, torch.tensor([[0.5]]))
    (tensor([[1.5000, 2.0000]]), tensor([[0.5000, 1.0000]]), tensor([0.5000]))
"""

import torch


def linear_backward(x: torch.Tensor, w: torch.Tensor, grad_out: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    raise NotImplementedError("TODO: grad_x, grad_w, grad_b")
