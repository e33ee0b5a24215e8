# expect: weight each batch's loss by its size
# expect-zh: 要按批量大小给每个批量的损失加权
def train_epoch(model, loader, loss_fn, opt):
    model.train()
    losses = []
    for x, y in loader:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
