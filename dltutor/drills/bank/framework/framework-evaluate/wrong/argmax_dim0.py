# expect: argmax(dim=1)
# expect-zh: 在类别维度上取
import torch


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(x).argmax(dim=0)
    return (pred == y[: len(pred)]).float().mean().item()
