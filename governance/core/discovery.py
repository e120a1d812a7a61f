"""Domain packages are found, not listed: governance/<domain>/<module>.py by name."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from types import ModuleType

import governance


def domain_modules(name: str) -> list[ModuleType]:
    """`governance.<domain>.<name>` for every domain package that has one."""
    found = []
    for package in pkgutil.iter_modules(governance.__path__):
        qualified = f"governance.{package.name}.{name}"
        if package.ispkg and package.name != "rules" and importlib.util.find_spec(qualified):
            found.append(importlib.import_module(qualified))
    return found
