# expect: divide by the number of samples
# expect-zh: 要除以样本数
def train_epoch(model, loader, loss_fn, opt):
    model.train()
    total = 0.0
    for x, y in loader:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * len(x)
    return total
