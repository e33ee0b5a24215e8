"""What a drill's hidden checks use to say, like a teacher, what went wrong.

A check calls the learner's function on one case and compares the result with the
expected one. On the first difference it raises `DrillFailure` with four short
texts: the case (the input, described for a person), what was expected, what came
back (shape, dtype, first differing element with its index), and advice (what this
mistake usually means). `judge.judge` turns that into the report.

Runs inside the child process that holds the learner's code; torch is imported
lazily so that importing this module stays cheap. Every text a check writes goes
through `dltutor.i18n._`, so the feedback speaks the learner's language (the child
uses the language of its task).
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import re
from collections.abc import Callable, Iterator
import unicodedata
from typing import Any

from dltutor.i18n import N_, _, ngettext

Advice = str | Callable[[Any], str]


class DrillFailure(AssertionError):
    """A check's verdict: the learner's code ran but gave a wrong answer.

    Fields (short, single-line strings): `case` the input that failed, `expected`
    and `actual` (shape, dtype or the first differing element), `advice` what this
    usually means (may be empty).
    """

    def __init__(self, case: str, expected: str, actual: str, advice: str = ""):
        self.case = case
        self.expected = expected
        self.actual = actual
        self.advice = advice
        super().__init__(self.message())

    def message(self) -> str:
        lines = [labelled("case", self.case), labelled("expected", self.expected), labelled("actual", self.actual)]
        if self.advice:
            lines.append(labelled("hint", self.advice))
        return "\n".join(lines)


LABELS = {"case": N_("case:"), "expected": N_("expected:"), "actual": N_("actual:"), "hint": N_("hint:")}


def cells(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _padded_labels() -> dict[str, str]:
    labels = {k: _(v) for k, v in LABELS.items()}
    width = max(cells(v) for v in labels.values()) + 1
    return {k: v + " " * (width - cells(v)) for k, v in labels.items()}


def labelled(key: str, text: str) -> str:
    """'expected: tensor …' — the label of `key` in LABELS, padded so that the four texts line up."""
    return _padded_labels()[key] + text


def label_prefix(line: str) -> str:
    """The padded label ('expected: ', '期望： ') that starts a line of a failure message, or ''.

    For a display that wraps a long line under its text (a hanging indent); measure the
    prefix with `cells`, since a Chinese label is two cells per character.
    """
    return next((p for p in _padded_labels().values() if line.startswith(p)), "")


def fail(case: str, expected: str, actual: str, advice: str = "") -> None:
    """Raise DrillFailure with these four texts (never returns)."""
    raise DrillFailure(case, expected, actual, advice)


def _advice(advice: Advice, actual: Any) -> str:
    if callable(advice):
        return advice(actual) or ""
    return advice


def shape_of(t: Any) -> str:
    """'[2, 3]' for a tensor of that shape ('[]' for a 0-d tensor)."""
    return "[" + ", ".join(str(n) for n in t.shape) + "]"


def dtype_of(t: Any) -> str:
    return str(t.dtype).removeprefix("torch.")


def describe(t: Any) -> str:
    """A value for a person: 'float32 tensor of shape [2, 3]', 'tuple of 2 items', 'None'."""
    try:
        import torch
    except ImportError:  # pragma: no cover - the bank always has torch
        torch = None
    if torch is not None and isinstance(t, torch.Tensor):
        return _("{dtype} tensor of shape {shape}").format(dtype=dtype_of(t), shape=shape_of(t))
    if isinstance(t, (tuple, list)):
        return ngettext("{type} of {n} item", "{type} of {n} items", len(t)).format(type=type(t).__name__, n=len(t))
    if t is None:
        return "None"
    return f"{type(t).__name__} {fmt(t)}"


def fmt(x: Any) -> str:
    """A number or short value as text: 4 significant digits for floats."""
    if isinstance(x, bool) or x is None:
        return str(x)
    if isinstance(x, float):
        return f"{x:.4g}"
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _distinct(x: float, y: float) -> tuple[str, str]:
    """Both numbers with just enough digits to see that they differ (4 to 9 significant)."""
    for digits in range(4, 10):
        a, b = f"{x:.{digits}g}", f"{y:.{digits}g}"
        if a != b:
            return a, b
    return a, b


def _at(what: str, flat_index: int, shape: tuple[int, ...]) -> str:
    """'result[1, 0]', 'd_loss' for a 0-d tensor, 'D's parameters, element [3]' for a description."""
    if not shape:
        return what
    index = _index(flat_index, shape)
    return f"{what}{index}" if re.fullmatch(r"[\w.\[\]]+", what) else _("{what}, element {index}").format(
        what=what, index=index)


def _index(flat_index: int, shape: tuple[int, ...]) -> str:
    idx = []
    for n in reversed(shape):
        idx.append(flat_index % n)
        flat_index //= n
    return "[" + ", ".join(str(i) for i in reversed(idx)) + "]"


def expect_tensor(actual: Any, *, case: str, what: str | None = None, advice: Advice = "") -> None:
    """Fail unless `actual` is a torch.Tensor. `what` (default: 'a tensor') says what was expected."""
    import torch

    if not isinstance(actual, torch.Tensor):
        hint = _advice(advice, actual) or _("return a torch.Tensor (use torch operations, not Python lists or "
                                            "numbers)")
        fail(case, _("a tensor") if what is None else what, describe(actual), hint)


def expect_close(
    actual: Any,
    expected: Any,
    *,
    case: str,
    advice: Advice = "",
    rtol: float = 1e-5,
    atol: float = 1e-6,
    check_dtype: bool = True,
    what: str | None = None,
) -> None:
    """Check a tensor against the expected tensor: type, shape, dtype, finiteness, then values.

    `advice` is a text, or a function of the actual tensor that diagnoses it (return ""
    when it has nothing to say). `what` names the tensor (default: 'result', translated).
    The message names the first element that differs, with its index, as
    `torch.allclose(actual, expected, rtol, atol)` would judge it. Raises DrillFailure.
    """
    import torch

    what = _("result") if what is None else what
    expect_tensor(actual, case=case, what=f"{what}: {describe(expected)}", advice=advice)
    if tuple(actual.shape) != tuple(expected.shape):
        of_shape = _("{what} of shape {shape}")
        fail(case, of_shape.format(what=what, shape=shape_of(expected)),
             of_shape.format(what=what, shape=shape_of(actual)),
             _advice(advice, actual) or _("check which dimension you reduced over or indexed"))
    if check_dtype and actual.dtype != expected.dtype:
        of_dtype = _("{what} of dtype {dtype}")
        fail(case, of_dtype.format(what=what, dtype=dtype_of(expected)),
             of_dtype.format(what=what, dtype=dtype_of(actual)),
             _advice(advice, actual) or _("keep the input's dtype: avoid torch.tensor(...) of Python numbers "
                                          "and .double()/.float() conversions"))
    a = actual.detach().to(torch.float64).cpu().reshape(-1)
    e = expected.detach().to(torch.float64).cpu().reshape(-1)
    if a.numel() == 0:
        return
    bad_nonfinite = ~torch.isfinite(a) & torch.isfinite(e)
    if bool(bad_nonfinite.any()):
        i = int(bad_nonfinite.nonzero()[0])
        n = int(bad_nonfinite.sum())
        fail(case, f"{_at(what, i, tuple(expected.shape))} = {fmt(float(e[i]))}",
             ngettext("{value} (your {what} has {n} NaN or inf value)",
                      "{value} (your {what} has {n} NaN or inf values)", n).format(
                 value=fmt(float(a[i])), what=what, n=n),
             _advice(advice, actual) or _("a NaN or inf usually comes from exp() of a large number, "
                                          "a division by zero or log(0)"))
    close = torch.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    if not bool(close.all()):
        i = int((~close).nonzero()[0])
        n_bad = int((~close).sum())
        want, got = _distinct(float(e[i]), float(a[i]))
        fail(case, f"{_at(what, i, tuple(expected.shape))} = {want}",
             _differ(got, n_bad, a.numel()), _advice(advice, actual))


def _differ(value: str, n_bad: int, total: int) -> str:
    """'0.5 (3 of 12 values differ)'."""
    return _("{value} ({n} of {total} values differ)").format(value=value, n=n_bad, total=total)


def expect_equal(actual: Any, expected: Any, *, case: str, advice: Advice = "", what: str | None = None) -> None:
    """Exact equality: tensors with torch.equal (shape and dtype first), anything else with ==."""
    import torch

    what = _("result") if what is None else what
    if isinstance(expected, torch.Tensor):
        expect_tensor(actual, case=case, what=f"{what}: {describe(expected)}", advice=advice)
        if tuple(actual.shape) != tuple(expected.shape) or actual.dtype != expected.dtype:
            expect_close(actual, expected, case=case, advice=advice, what=what)
        if not torch.equal(actual, expected):
            diff = (actual != expected).reshape(-1)
            i = int(diff.nonzero()[0])
            fail(case, f"{_at(what, i, tuple(expected.shape))} = {fmt(expected.reshape(-1)[i].item())}",
                 _differ(fmt(actual.reshape(-1)[i].item()), int(diff.sum()), diff.numel()),
                 _advice(advice, actual))
        return
    if type(actual) is not type(expected) and not (_is_number(actual) and _is_number(expected)):
        fail(case, f"{what}: {describe(expected)}", describe(actual), _advice(advice, actual))
    if actual != expected:
        fail(case, f"{what} = {fmt(expected)}", f"{what} = {fmt(actual)}", _advice(advice, actual))


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def matches(actual: Any, candidate: Any, *, rtol: float = 1e-4, atol: float = 1e-5) -> bool:
    """True if `actual` is a tensor (or number) close to `candidate` in shape and values."""
    import torch

    if isinstance(candidate, torch.Tensor):
        if not isinstance(actual, torch.Tensor) or tuple(actual.shape) != tuple(candidate.shape):
            return False
        a = actual.detach().to(torch.float64).cpu()
        return bool(torch.allclose(a, candidate.detach().to(torch.float64).cpu(), rtol=rtol, atol=atol, equal_nan=True))
    try:
        return abs(float(actual) - float(candidate)) <= atol + rtol * abs(float(candidate))
    except (TypeError, ValueError, RuntimeError):
        return False


def diagnose(actual: Any, candidates: list[tuple[Any, str]], default: str = "") -> str:
    """The advice of the first typical wrong result that `actual` matches, else `default`.

    `candidates` pairs what a typical mistake computes (e.g. the sum instead of the
    mean) with what to tell the learner who made it.
    """
    for wrong, advice in candidates:
        if matches(actual, wrong):
            return advice
    return default


def expect_unchanged(before: Any, after: Any, *, case: str, name: str) -> None:
    """Fail if an input tensor was changed in place (compare with a clone taken before the call)."""
    import torch

    if not torch.equal(before, after):
        fail(case, _("{name} left as it was").format(name=name),
             _("your function changed {name} in place").format(name=name),
             _("work on new tensors (y = x + 1, x.clone()) instead of in-place operations (x += 1, x[i] = ...) "
               "on {name}: the caller still needs it").format(name=name))


def seeded(seed: int) -> Any:
    """A torch.Generator with this seed, so that every check sees the same inputs."""
    import torch

    return torch.Generator().manual_seed(seed)


# ---- rules of a task: "without calling F.conv2d" -------------------------------------------------


def names_used(module: Any) -> set[str]:
    """Every attribute name and imported name that the learner's source mentions (from its AST)."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            found.update(alias.name for alias in node.names)
    return found


def expect_not_used(module: Any, names: set[str], *, rule: str, advice: str) -> None:
    """Fail if the learner's source calls one of the forbidden functions by attribute or import.

    `rule` is the task's rule ('without calling F.conv2d'). Catches `F.conv2d(...)`,
    `torch.conv2d(...)` and `from torch.nn.functional import conv2d`.
    """
    used = sorted(names & names_used(module))
    if used:
        fail(_("reading your source code"), rule, _("your code uses {names}").format(names=", ".join(used)), advice)


@contextlib.contextmanager
def forbidden(owner: Any, name: str, *, rule: str, advice: str) -> Iterator[None]:
    """Within the block, calling owner.name raises DrillFailure (catches calls the AST check misses)."""
    original = getattr(owner, name)

    def refuse(*args: Any, **kwargs: Any) -> None:
        fail(_("calling your function"), rule, _("your code called {name}()").format(name=name), advice)

    setattr(owner, name, refuse)
    try:
        yield
    finally:
        setattr(owner, name, original)
