"""Hidden checks for framework-evaluate."""

import torch
from torch import nn

from dltutor.drills.expect import expect_unchanged, fail, fmt, seeded
from dltutor.i18n import _


def _model(seed, d, c, dropout=0.0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(d, 16), nn.ReLU(), nn.Dropout(dropout), nn.Linear(16, c))


def _run(m, model, x, y, case):
    x0, y0 = x.clone(), y.clone()
    model.eval()
    with torch.no_grad():
        logits = model(x0)
    pred = logits.argmax(dim=1)
    expected = (pred == y0).float().mean().item()
    model.train()  # it arrives in training mode
    calls = []
    model.register_forward_hook(lambda mod, args, out: calls.append((mod.training, torch.is_grad_enabled())))
    got = m.evaluate(model, x, y)
    expect_unchanged(x0, x, case=case, name="x")
    expect_unchanged(y0, y, case=case, name="y")
    if any(training for training, _ in calls):
        fail(case, _("the model in eval mode while evaluating"), _("it ran in training mode"),
             _("call model.eval() first: in training mode dropout switches random units off, so the accuracy "
             "changes from run to run"))
    if any(grad for _, grad in calls):
        fail(case, _("no autograd graph while evaluating"), _("a graph was built"),
             _("wrap the forward pass in torch.no_grad(): nothing calls backward here, so the graph only "
             "wastes memory and time"))
    if isinstance(got, torch.Tensor):
        fail(case, _("accuracy {value} as a Python float").format(value=fmt(expected)),
             _("a tensor {value}").format(value=repr(got)), _("return ....item()"))
    if not isinstance(got, float):
        fail(case, _("accuracy {value} (a float)").format(value=fmt(expected)), f"{type(got).__name__} {got!r}",
             _("return the fraction of correct predictions as a float"))
    if abs(got - expected) > 1e-6:
        n_correct = int((pred == y0).sum())
        if abs(got - n_correct) < 1e-6:
            tip = _("divide by the number of samples ({n}): accuracy is a fraction, not a count").format(n=len(y0))
        else:
            tip = (_("the predicted class is the index of the largest logit of each sample: "
                   "logits.argmax(dim=1), over the classes"))
        fail(case, _("accuracy {value}").format(value=fmt(expected)), f"{fmt(got)}", tip)


def check_simple(m):
    model = _model(130, 4, 3)
    g = seeded(130)
    _run(m, model, torch.randn(12, 4, generator=g), torch.randint(0, 3, (12,), generator=g),
         _("12 samples, 4 features, 3 classes; the model arrives in training mode"))


def check_perfect_and_zero(m):
    model = nn.Linear(2, 2)
    with torch.no_grad():
        model.weight.copy_(torch.eye(2))
        model.bias.zero_()
    x = torch.tensor([[2.0, 0.0], [0.0, 3.0], [1.0, -1.0]])
    _run(m, model, x, torch.tensor([0, 1, 0]), _("a model that is right on all 3 samples"))
    _run(m, model, x, torch.tensor([1, 0, 1]), _("a model that is wrong on all 3 samples"))


def check_dropout_is_off(m):
    model = _model(131, 5, 4, dropout=0.9)
    g = seeded(131)
    _run(m, model, torch.randn(20, 5, generator=g), torch.randint(0, 4, (20,), generator=g),
         _("a model with Dropout(0.9) that arrives in training mode; 20 samples"))


def check_one_sample(m):
    model = _model(132, 3, 5)
    _run(m, model, torch.randn(1, 3, generator=seeded(132)), torch.tensor([2]), _("a batch of one sample, 5 classes"))


def check_more_classes_than_samples(m):
    model = _model(133, 2, 6)
    g = seeded(133)
    x = torch.randn(4, 2, generator=g)
    with torch.no_grad():
        y = model.eval()(x).argmax(dim=1)
    _run(m, model, x, y, _("4 samples, 6 classes, all predicted right"))
