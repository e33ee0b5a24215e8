"""Package exports that are imported on first use (PEP 562), so importing one light module of a package
(`dltutor.content.textfile`) does not import its heavy siblings (pydantic models, the loader)."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, exports: dict[str, list[str]]) -> tuple[Callable[[str], object], list[str]]:
    """`__getattr__` and `__all__` for `package`: {submodule: [names]} are imported when first asked for."""
    where = {name: sub for sub, names in exports.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return __getattr__, sorted(where)
