# expect: model.eval()
# expect-zh: 先调用 model.eval()
import torch


def evaluate(model, x, y):
    with torch.no_grad():
        pred = model(x).argmax(dim=1)
    return (pred == y).float().mean().item()
