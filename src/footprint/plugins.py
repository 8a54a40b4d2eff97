"""Loading built-in plugins: every module of a package is imported once, so it registers itself.

Parsers, analysers and CLI command modules live one per module; adding a module is enough to
add the capability (a meta-test checks that each module registers something).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def import_submodules(package: ModuleType, skip: frozenset[str] = frozenset()) -> list[ModuleType]:
    """Import every direct submodule (and sub-package) of ``package`` in name order."""
    modules = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in skip:
            continue
        modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules
