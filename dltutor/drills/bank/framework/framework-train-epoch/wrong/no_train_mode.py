# expect: model.train()
# expect-zh: 在开头调用 model.train()
def train_epoch(model, loader, loss_fn, opt):
    total, count = 0.0, 0
    for x, y in loader:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * len(x)
        count += len(x)
    return total / count
