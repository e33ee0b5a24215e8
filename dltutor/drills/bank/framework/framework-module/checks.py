"""Hidden checks for framework-module."""

import torch
from torch import nn

from dltutor.drills.expect import diagnose, expect_close, fail, seeded
from dltutor.i18n import _


def _build(m, case, *args):
    cls = getattr(m, "TinyMLP", None)
    if not isinstance(cls, type) or not issubclass(cls, nn.Module):
        fail(case, _("a class TinyMLP that subclasses nn.Module"), repr(cls), "class TinyMLP(nn.Module): ...")
    try:
        return cls(*args)
    except AttributeError as exc:
        if "Module.__init__() call" in str(exc):
            fail(case, _("a model"), f"AttributeError: {exc}",
                 _("call super().__init__() first in __init__: it sets up the registries for layers and parameters"))
        raise


def _sizes(model, case, sizes):
    d, h, c = sizes
    expected = d * h + h + h * c + c
    found = sum(p.numel() for p in model.parameters())
    if found == 0:
        fail(case, _("{n} parameters found by model.parameters()").format(n=expected), "0",
             _("assign layers as attributes so nn.Module registers them; layers kept in a plain Python list "
             "are invisible to parameters(), the optimizer and .to(device) (use nn.ModuleList)"))
    for name, (fan_in, fan_out) in (("fc1", (d, h)), ("fc2", (h, c))):
        layer = getattr(model, name, None)
        if not isinstance(layer, nn.Linear):
            fail(case, _("model.{name}: an nn.Linear layer").format(name=name), repr(layer),
                 _("assign self.{name} = nn.Linear(...)").format(name=name))
        if (layer.in_features, layer.out_features) != (fan_in, fan_out):
            fail(case, f"model.{name} = Linear({fan_in}, {fan_out})",
                 f"Linear({layer.in_features}, {layer.out_features})",
                 _("fc1 maps in_features to hidden, fc2 maps hidden to out_features"))
    if found != expected:
        fail(case, _("{n} parameters found by model.parameters()").format(n=expected), f"{found}",
             _("only fc1 and fc2 hold parameters"))


def _forward(model, x, case):
    fc1, fc2 = model.fc1, model.fc2
    hidden = fc1(x)
    ref = fc2(torch.relu(hidden))
    out = model(x)
    expect_close(out, ref.detach(), case=case, what="logits", rtol=1e-5, atol=1e-6, advice=lambda a: diagnose(a, [
        (torch.softmax(ref, dim=1), _("forward returns logits: no softmax at the end (the loss applies it)")),
        (fc2(hidden), _("put a ReLU between the layers: without it the two layers are one linear map")),
        (torch.relu(ref), _("no activation after fc2: logits may be negative")),
    ], _("forward(x) = fc2(ReLU(fc1(x)))")))
    return out


def check_construct_with_defaults(m):
    _sizes(_build(m, "TinyMLP()"), _("TinyMLP() with the default sizes 4, 8, 3"), (4, 8, 3))


def check_other_sizes(m):
    _sizes(_build(m, "TinyMLP(2, 5, 1)", 2, 5, 1), "TinyMLP(2, 5, 1)", (2, 5, 1))


def check_forward(m):
    torch.manual_seed(0)
    model = _build(m, "TinyMLP()")
    _sizes(model, "TinyMLP()", (4, 8, 3))
    _forward(model, torch.randn(6, 4, generator=seeded(110)), _("TinyMLP() on x of shape [6, 4]"))


def check_batch_of_one(m):
    model = _build(m, "TinyMLP(3, 4, 2)", 3, 4, 2)
    _sizes(model, "TinyMLP(3, 4, 2)", (3, 4, 2))
    _forward(model, torch.randn(1, 3, generator=seeded(111)), _("TinyMLP(3, 4, 2) on a batch of one, x [1, 3]"))


def check_gradients_reach_every_parameter(m):
    model = _build(m, "TinyMLP()")
    _sizes(model, "TinyMLP()", (4, 8, 3))
    with torch.no_grad():
        model.fc1.bias.fill_(0.5)  # keep ReLU units alive so that every weight gets a gradient
    out = _forward(model, torch.randn(5, 4, generator=seeded(112)), _("TinyMLP() on x [5, 4], then backward"))
    if not out.requires_grad:
        fail(_("TinyMLP() on x [5, 4], then out.sum().backward()"), _("an output that depends on the parameters"),
             _("an output with no graph"), _("do not detach or use torch.no_grad() inside forward"))
    out.sum().backward()
    for name, p in model.named_parameters():
        if p.grad is None:
            fail(_("TinyMLP() on x [5, 4], then out.sum().backward()"), _("a gradient for {name}").format(name=name),
                 "None",
                 _("{name} is not used in forward").format(name=name))


def check_state_dict_names(m):
    model = _build(m, "TinyMLP()")
    keys = sorted(model.state_dict())
    want = ["fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight"]
    if keys != want:
        fail("TinyMLP().state_dict().keys()", ", ".join(want), ", ".join(keys) or _("nothing"),
             _("name the layers fc1 and fc2, as the task says: saved checkpoints are found by these names"))
