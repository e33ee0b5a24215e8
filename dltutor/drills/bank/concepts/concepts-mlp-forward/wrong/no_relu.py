# expect: forgot the ReLU
# expect-zh: 忘了在隐藏层上用 ReLU
def forward(x, W1, b1, W2, b2):
    return (x @ W1.T + b1) @ W2.T + b2
