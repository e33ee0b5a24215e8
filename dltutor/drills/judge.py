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

import itertools
import random
import sys
import traceback
import types
from pathlib import Path
from typing import Any

from dltutor.drills.expect import DrillFailure

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
        raise _LearnerError(f"cannot read {path.name}: {exc.strerror or exc}", None) from None
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _LearnerError(f"{path.name} is not UTF-8 text (bad byte at offset {exc.start})", None) from None
    if "\x00" in source:
        raise _LearnerError(f"{path.name} contains a NUL byte: save it as plain text", None)
    name = f"drill_learner_{path.stem}_{next(_fresh)}"
    try:
        return _load_module(path, name, source)
    except SyntaxError as exc:  # IndentationError and TabError included
        where = f" (column {exc.offset})" if exc.offset else ""
        raise _LearnerError(f"{type(exc).__name__}: {exc.msg}{where}", exc.lineno) from None
    except SystemExit as exc:
        line, _ = _learner_frame(exc.__traceback__, path)
        raise _LearnerError(f"your file called sys.exit({exc.code!r}) while it was being imported; "
                            "remove it: the checks import your file", line) from None
    except BaseException as exc:  # noqa: BLE001 - anything the learner's top level raises
        line, _ = _learner_frame(exc.__traceback__, path)
        raise _LearnerError(f"importing your file failed: {_one_line(exc)}", line) from None


def _checks(module: types.ModuleType) -> list[tuple[str, Any]]:
    # Module dicts keep definition order; only functions defined in the checks file itself.
    return [(name, fn) for name, fn in vars(module).items()
            if name.startswith("check_") and isinstance(fn, types.FunctionType) and fn.__module__ == module.__name__]


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
        return _judge(Path(checks_path).resolve(), Path(learner_path).resolve())
    except BaseException as exc:  # noqa: BLE001 - the promise is: never raise
        return _result("error", 0, 0, f"dltutor could not run the checks: {_one_line(exc)}")


def _judge(checks_path: Path, learner_path: Path) -> dict[str, Any]:
    try:
        checks_mod = _load_module(checks_path, f"drill_checks_{next(_fresh)}", checks_path.read_text("utf-8"))
    except BaseException as exc:  # noqa: BLE001 - a broken bank is reported, not raised
        return _result("error", 0, 0, f"dltutor's checks for this drill are broken: {_one_line(exc)}")
    checks = _checks(checks_mod)
    total = len(checks)
    file = learner_path.name
    try:
        learner = _import_learner(learner_path)
    except _LearnerError as exc:
        where = f"line {exc.line} of {file}" if exc.line else file
        return _result("error", 0, total, f"{where}: {exc.message}", line=exc.line)

    for passed, (name, check) in enumerate(checks):
        _seed()
        try:
            check(learner)
        except DrillFailure as f:
            message = f"{_title(name)} failed\n{f.message()}"
            return _result("failed", passed, total, message, check=name, case=f.case,
                           expected=f.expected, actual=f.actual, advice=f.advice)
        except BaseException as exc:  # noqa: BLE001 - the learner's code may raise anything
            line, func = _learner_frame(exc.__traceback__, learner_path)
            return _error(exc, name, passed, total, file, line, func)
    return _result("passed", total, total, f"all {total} checks passed")


def _title(check_name: str) -> str:
    return "check '" + check_name.removeprefix("check_").replace("_", " ") + "'"


def _error(exc: BaseException, name: str, passed: int, total: int, file: str,
           line: int | None, func: str | None) -> dict[str, Any]:
    where = f"line {line} of {file}" if line else file
    if isinstance(exc, NotImplementedError) and line is not None:
        todo = f" ({exc})" if str(exc) else ""
        message = f"not written yet: fill in {func}(){todo} at {where}"
    elif isinstance(exc, SystemExit):
        message = f"{where}: your code called sys.exit({exc.code!r}); return a value instead"
    elif isinstance(exc, RecursionError):
        message = f"{where}: RecursionError: your function calls itself without end"
    elif line is not None:
        message = f"{where}: {_one_line(exc)}\n(raised while running {_title(name)})"
    else:
        # Raised inside the check itself, typically while using what the learner returned.
        message = (f"{_title(name)} could not use what your code returned: {_one_line(exc)}\n"
                   "check the type and shape your function returns (see the task in the file's docstring)")
    return _result("error", passed, total, message, check=name, line=line)
