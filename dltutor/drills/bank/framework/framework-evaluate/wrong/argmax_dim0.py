# expect: argmax(dim=1)
import torch


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(x).argmax(dim=0)
    return (pred == y[: len(pred)]).float().mean().item()
