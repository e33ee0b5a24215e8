# expect: divide by the number of samples
# expect-zh: 要除以样本数
import torch


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(x).argmax(dim=1)
    return float((pred == y).sum())
