"""Run one drill's hidden checks against a learner's file and report like a teacher.

`judge(checks_path, learner_path)` is meant to run INSIDE an isolated child process
(the engine's runner provides the process, the time limit and the memory limit; this
module does no isolation). It imports the learner's file as a fresh module, runs the
`check_*` functions of the checks file in definition order, stops at the first
failure and returns a JSON-able dict. It never raises: a syntax error, an import
error, `sys.exit`, an exception or an unfinished `NotImplementedError` in the
learner's code becomes status "error" with the line in the learner's file; frames of
dltutor itself are hidden.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import sys
import traceback
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dltutor.drills.expect import DrillFailure, labelled
from dltutor.i18n import _
from dltutor.i18n.oserror import os_reason

_fresh = itertools.count()


class _LearnerError(Exception):
    """The learner's file could not be compiled or imported."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def _result(status: str, passed: int, total: int, message: str, *, check: str | None = None,
            case: str | None = None, expected: str | None = None, actual: str | None = None,
            advice: str | None = None, line: int | None = None) -> dict[str, Any]:
    return {"status": status, "passed": passed, "total": total, "check": check, "case": case,
            "expected": expected, "actual": actual, "advice": advice or None, "message": message, "line": line}


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _learner_frame(tb: types.TracebackType | None, learner: Path) -> tuple[int | None, str | None]:
    """(line, function name) of the innermost frame in the learner's file, or (None, None)."""
    line = name = None
    for frame, lineno in traceback.walk_tb(tb):
        if Path(frame.f_code.co_filename) == learner:
            line, name = lineno, getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
    return line, name


def _source_line(path: Path, line: int | None) -> str:
    """'\n    7 | return x @ w' — the learner's line, shown under the message; '' if unavailable."""
    if not line:
        return ""
    try:
        text = path.read_text("utf-8-sig", errors="replace").splitlines()[line - 1].strip()
    except (OSError, IndexError):
        return ""
    if len(text) > 100:
        text = text[:97] + "..."
    return f"\n  {line:>4} | {text}" if text else ""


def _load_module(path: Path, name: str, source: str) -> types.ModuleType:
    code = compile(source, str(path), "exec", dont_inherit=True)
    module = types.ModuleType(name)
    module.__file__ = str(path)
    # Registered so that classes defined in it (nn.Module subclasses) can find their module.
    sys.modules[name] = module
    exec(code, module.__dict__)
    return module


def _import_learner(path: Path) -> types.ModuleType:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _LearnerError(_("cannot read {file}: {error}").format(file=path.name, error=os_reason(exc)),
                            None) from None
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _LearnerError(_("the file is not UTF-8 text (byte {byte}): save it as UTF-8 in your editor").format(
            byte=f"0x{raw[exc.start]:02x}"), line) from None
    if "\x00" in source:
        raise _LearnerError(_("{file} contains a NUL byte: save it as plain text").format(file=path.name), None)
    name = f"drill_learner_{path.stem}_{next(_fresh)}"
    try:
        return _load_module(path, name, source)
    except SyntaxError as exc:  # IndentationError and TabError included
        where = " " + _("(column {column})").format(column=exc.offset) if exc.offset else ""
        raise _LearnerError(f"{type(exc).__name__}: {exc.msg}{where}", exc.lineno) from None
    except SystemExit as exc:
        line = _learner_frame(exc.__traceback__, path)[0]
        raise _LearnerError(_("your file called sys.exit({code}) while it was being imported; "
                              "remove it: the checks import your file").format(code=repr(exc.code)), line) from None
    except BaseException as exc:  # noqa: BLE001 - anything the learner's top level raises
        line = _learner_frame(exc.__traceback__, path)[0]
        raise _LearnerError(_("importing your file failed: {error}").format(error=_one_line(exc)), line) from None


def _checks(module: types.ModuleType) -> list[tuple[str, Any]]:
    # Module dicts keep definition order; only functions defined in the checks file itself.
    return [(name, fn) for name, fn in vars(module).items()
            if name.startswith("check_") and isinstance(fn, types.FunctionType) and fn.__module__ == module.__name__]


@contextlib.contextmanager
def _one_thread() -> Iterator[None]:
    """Run the checks on one CPU thread, then restore the thread count.

    Checks use tiny tensors, so one thread is fastest on a busy machine. It also keeps a
    forked child safe: GNU OpenMP hangs in a child forked from a parent that already
    ran a parallel region (a warm worker that touched torch), unless the child first
    drops to one thread.
    """
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _seed() -> None:
    random.seed(0)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(0)


def judge(checks_path: Path, learner_path: Path) -> dict[str, Any]:
    """Run the checks in `checks_path` on the learner's file; return the report (never raises).

    Returns {"status": "passed"|"failed"|"error", "passed": checks passed, "total":
    checks run or known, "check", "case", "expected", "actual", "advice" (strings or
    None), "message" (the full teaching message), "line" (learner-file line or None)}.
    """
    try:
        with _one_thread():
            return _judge(Path(checks_path).resolve(), Path(learner_path).resolve())
    except BaseException as exc:  # noqa: BLE001 - the promise is: never raise
        return _result("error", 0, 0, _("dltutor could not run the checks: {error}").format(error=_one_line(exc)))


def _judge(checks_path: Path, learner_path: Path) -> dict[str, Any]:
    try:
        checks_mod = _load_module(checks_path, f"drill_checks_{next(_fresh)}", checks_path.read_text("utf-8"))
    except BaseException as exc:  # noqa: BLE001 - a broken bank is reported, not raised
        return _result("error", 0, 0, _("dltutor's checks for this drill are broken: {error}").format(
            error=_one_line(exc)))
    checks = _checks(checks_mod)
    total = len(checks)
    file = learner_path.name
    try:
        learner = _import_learner(learner_path)
    except _LearnerError as exc:
        where = _where(exc.line, file)
        return _result("error", 0, total, f"{where}: {exc.message}{_source_line(learner_path, exc.line)}",
                       line=exc.line)

    for passed, (name, check) in enumerate(checks):
        _seed()
        try:
            check(learner)
        except DrillFailure as f:
            # A check may turn the learner's exception (a shape error in a matmul) into a
            # teaching failure; the learner still needs the line that raised it.
            line = _learner_frame(getattr(f.__context__, "__traceback__", None), learner_path)[0]
            details = f.message()
            if line:
                actual = labelled("actual", f.actual)
                where = _("({where})").format(where=_where(line, file))  # full-width brackets in Chinese
                details = details.replace(actual, f"{actual} {where}{_source_line(learner_path, line)}", 1)
            message = _("{check} failed").format(check=_title(name)) + "\n" + details
            return _result("failed", passed, total, message, check=name, case=f.case,
                           expected=f.expected, actual=f.actual, advice=f.advice, line=line)
        except BaseException as exc:  # noqa: BLE001 - the learner's code may raise anything
            line, func = _learner_frame(exc.__traceback__, learner_path)
            return _error(exc, name, passed, total, learner_path, line, func, learner)
    return _result("passed", total, total, _("all {n} checks passed").format(n=total))


def _where(line: int | None, file: str) -> str:
    """'line 7 of mlp.py', or the file's name alone when the line is unknown."""
    return _("line {line} of {file}").format(line=line, file=file) if line else file


def _title(check_name: str) -> str:
    """"check 'and gate'" — the check's function name (an id: not translated) made readable."""
    return _("check '{name}'").format(name=check_name.removeprefix("check_").replace("_", " "))


def _error(exc: BaseException, name: str, passed: int, total: int, learner: Path,
           line: int | None, func: str | None, module: types.ModuleType | None = None) -> dict[str, Any]:
    where = _where(line, learner.name)
    source = _source_line(learner, line)
    if isinstance(exc, NotImplementedError) and line is not None:
        todo = f" ({exc})" if str(exc) else ""
        message = _("not written yet: fill in {function}(){todo} at {where}").format(
            function=func, todo=todo, where=where)
    elif isinstance(exc, SystemExit):
        message = _("{where}: your code called sys.exit({code}); return a value instead").format(
            where=where, code=repr(exc.code)) + source
    elif isinstance(exc, EOFError) and line is not None:
        # input() or sys.stdin.read(): the checks call the function and type nothing.
        message = _("{where}: your code reads input (input() or sys.stdin), but the checks type nothing: "
                    "take the values from the function's parameters").format(where=where) + source
    elif isinstance(exc, RecursionError):
        message = _("{where}: RecursionError: your function calls itself without end").format(where=where) + source
    elif line is not None:
        message = (f"{where}: {_one_line(exc)}{source}\n"
                   + _("(raised while running {check})").format(check=_title(name)))
    elif isinstance(exc, AttributeError) and module is not None and getattr(exc, "obj", None) is module:
        message = _("{file} has no '{name}': keep the function and class names of the starter "
                    "file (the checks call them by name)").format(file=learner.name, name=exc.name)
    elif isinstance(exc, TypeError) and "argument" in str(exc):
        # The call itself failed: the learner changed the parameters the task prescribes.
        message = _("{check} called your code as the task describes and got {error}\n"
                    "keep the parameter names and defaults of the starter file").format(
            check=_title(name), error=_one_line(exc))
    else:
        # Raised inside the check itself, typically while using what the learner returned.
        message = _("{check} could not use what your code returned: {error}\n"
                    "check the type and shape your function returns (see the task in the file's docstring)").format(
            check=_title(name), error=_one_line(exc))
    return _result("error", passed, total, message, check=name, line=line)
