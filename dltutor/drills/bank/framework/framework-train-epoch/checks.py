"""Hidden checks for framework-train-epoch: compared with a reference epoch on a copy of the model."""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dltutor.drills.expect import expect_close, fail, fmt, seeded
from dltutor.i18n import _


def _model(seed, dropout):
    torch.manual_seed(seed)
    layers = [nn.Linear(3, 6), nn.ReLU()] + ([nn.Dropout(0.5)] if dropout else []) + [nn.Linear(6, 2)]
    return nn.Sequential(*layers)


def _reference(model, loader, loss_fn, opt):
    model.train()
    total, count, batch_losses = 0.0, 0, []
    for x, y in loader:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * len(x)
        count += len(x)
        batch_losses.append(loss.item())
    return total / count, total, sum(batch_losses) / len(batch_losses), batch_losses[-1]


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def _loader(x, y, batch_size):
    # A real DataLoader (so len(loader.dataset) works), in a fixed order.
    return DataLoader(TensorDataset(x.clone(), y.clone()), batch_size=batch_size, shuffle=False)


def _run(m, sizes, case, seed, dropout=False, start_in_eval=False, momentum=0.0):
    g = seeded(seed)
    x, y = torch.randn(sum(sizes), 3, generator=g), torch.randint(0, 2, (sum(sizes),), generator=g)
    mine, ref = _model(seed, dropout), _model(seed, dropout)
    if start_in_eval:
        mine.eval()
    opt_mine = torch.optim.SGD(mine.parameters(), lr=0.2, momentum=momentum)
    opt_ref = torch.optim.SGD(ref.parameters(), lr=0.2, momentum=momentum)
    modes = []
    mine.register_forward_pre_hook(lambda module, args: modes.append(module.training))
    loss_fn = nn.CrossEntropyLoss()
    torch.manual_seed(seed)  # the same dropout masks for both runs
    got = m.train_epoch(mine, _loader(x, y, sizes[0]), loss_fn, opt_mine)
    torch.manual_seed(seed)
    mean, total, batch_mean, last = _reference(ref, _loader(x, y, sizes[0]), loss_fn, opt_ref)
    if modes and not all(modes):
        fail(case, _("the model in training mode during the epoch"), _("it ran in eval mode"),
             _("call model.train() at the start: the model may come from an evaluation in eval mode, where "
             "dropout is off"))
    if len(modes) != len(sizes):
        fail(case, _("{n} forward passes (one per batch)").format(n=len(sizes)), f"{len(modes)}",
             _("one training step per batch of the loader, in one pass"))
    expect_close(_flat(mine), _flat(ref), case=case, what=_("the parameters after the epoch (flattened)"), rtol=1e-5,
                 atol=1e-6,
                 advice=_("call opt.zero_grad() before each backward: gradients add up in .grad, so every step "
                        "would also apply the old gradients"))
    if isinstance(got, torch.Tensor):
        fail(case, _("mean loss {value} as a Python float").format(value=fmt(mean)), _("a tensor"),
             _("accumulate loss.item() (a float): summing loss tensors keeps every batch's graph alive"))
    if not isinstance(got, float):
        fail(case, _("mean loss {value} (a float)").format(value=fmt(mean)), f"{type(got).__name__} {got!r}",
             _("return total / count"))
    if abs(got - mean) > 1e-5 * max(1.0, abs(mean)):
        tips = [(total, _("divide by the number of samples: the mean loss per sample, not the sum")),
                (batch_mean, _("weight each batch's loss by its size (loss.item() * len(x)): the last batch is "
                             "smaller, so the plain average of batch losses is not the mean per sample")),
                (last, _("return the mean over the whole epoch, not the last batch's loss"))]
        tip = next((t for value, t in tips if abs(got - value) <= 1e-5 * max(1.0, abs(value))),
                   _("mean loss = Σ (batch loss × batch size) / number of samples"))
        fail(case, _("mean loss {value}").format(value=fmt(mean)), f"{fmt(got)}", tip)


def check_one_batch(m):
    _run(m, [4], _("one batch of 4 samples, SGD lr = 0.2"), seed=120)


def check_uneven_batches(m):
    _run(m, [4, 4, 2], _("10 samples in batches of 4, 4 and 2"), seed=121)


def check_gradients_cleared(m):
    _run(m, [3, 3, 3], _("three batches of 3 (old gradients would be applied again)"), seed=122)


def check_starts_in_eval_mode(m):
    _run(m, [5, 1], _("a model with dropout that arrives in eval mode; batches of 5 and 1"), seed=123,
         dropout=True, start_in_eval=True)
