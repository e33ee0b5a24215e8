# expect: opt.zero_grad()
# expect-zh: 都要调用 opt.zero_grad()
def train_epoch(model, loader, loss_fn, opt):
    model.train()
    total, count = 0.0, 0
    for x, y in loader:
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * len(x)
        count += len(x)
    return total / count
