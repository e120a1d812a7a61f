"""The rules core stays pure: no Flask, no database, nothing else of ours."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "governance" / "rules"


def test_importing_rules_loads_no_web_or_database_code():
    check = (
        "import governance.rules, sys; "
        "assert not any(m.split('.')[0] in ('flask','sqlalchemy','flask_sqlalchemy') "
        "for m in sys.modules), sorted(sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


def test_rules_import_only_the_standard_library_and_themselves():
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in sorted(RULES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                ok = name.split(".")[0] in allowed or name.startswith("governance.rules")
                assert ok, f"{path.name} imports {name}"
