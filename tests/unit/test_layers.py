"""Imports flow one way: rules (pure Python) at the bottom, core above it, then the domains
(org first: every domain hangs on the registry). A module that reaches upward fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GOVERNANCE = Path(__file__).resolve().parents[2] / "governance"
BELOW_DOMAINS = {"core", "extensions", "config", "rules"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """governance.* modules imported anywhere in the file (in functions too), but not under
    `if TYPE_CHECKING:` (annotations only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(node.lineno, n) for n in names if n.startswith("governance.")]
    return found


def _reaching(package: str, allowed: set[str], root: Path = GOVERNANCE) -> list[str]:
    return [
        f"{path.relative_to(root)}:{line} imports {name}"
        for path in sorted((root / package).rglob("*.py"))
        for line, name in _imports(path)
        if name.split(".")[1] not in allowed
    ]


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("rules", {"rules"}),
        ("core", BELOW_DOMAINS),
        ("org", BELOW_DOMAINS | {"org"}),
    ],
)
def test_imports_flow_one_way(package, allowed):
    assert _reaching(package, allowed) == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The guard itself: an upward import inside a function is reported, a typing-only one
    is not."""
    module = tmp_path / "core" / "bad.py"
    module.parent.mkdir()
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from governance.org.models import Unit\n"
        "def f():\n"
        "    from governance.meetings.models import Meeting\n"
    )
    found = _reaching("core", BELOW_DOMAINS, tmp_path)
    assert found == ["core/bad.py:5 imports governance.meetings.models"]
