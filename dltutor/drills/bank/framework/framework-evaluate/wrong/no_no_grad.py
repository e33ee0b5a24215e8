# expect: torch.no_grad()
# expect-zh: 把前向传播放进 torch.no_grad() 里
def evaluate(model, x, y):
    model.eval()
    pred = model(x).argmax(dim=1)
    return (pred == y).float().mean().item()
