"""A package's public names, imported when first used (PEP 562).

Importing one module of a package then loads only what that module imports, not the
package's whole surface, so no import cycle can run through an ``__init__``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_exports(
    package: str, table: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``. ``table`` has one
    line per module: ``module.path: Name other_name``."""
    exports = {
        name: module.strip()
        for line in table.strip().splitlines()
        for module, names in [line.split(":", 1)]
        for name in names.split()
    }

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's name
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*vars(sys.modules[package]), *exports})

    return __getattr__, __dir__, sorted(exports)
