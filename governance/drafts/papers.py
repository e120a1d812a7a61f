"""Starter texts and the required papers of a new commune (DOMAIN section 2).

Each `starters/*.yaml` file is one required paper with the outline a clerk starts from:
data an office edits, marked "Dự thảo khung – điểm khởi đầu". `{unit}` in a title or text
becomes the commune's name ("xã Đồng Đăng").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from governance.documents.letterhead import UNIT_PREFIXES, short_name

STARTER_DIR = Path(__file__).resolve().parent / "starters"
STARTER_MARK = "Dự thảo khung – điểm khởi đầu"


@dataclass(frozen=True)
class Starter:
    key: str
    label: str
    order: int
    body_kind: str
    type_code: str
    title: str
    basis: str
    text: str

    def for_unit(self, unit) -> tuple[str, str]:
        """(title, text) with the commune's name filled in."""
        name = unit_phrase(unit)
        return self.title.replace("{unit}", name), self.text.replace("{unit}", name)


def unit_phrase(unit) -> str:
    """`xã Đồng Đăng`, `phường Kỳ Lừa`: how running text names the commune."""
    prefix = UNIT_PREFIXES.get(unit.kind, "")
    return f"{prefix.lower()} {short_name(unit)}".strip()


@lru_cache(maxsize=1)
def _load(directory: str) -> dict[str, Starter]:
    found = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = {name: data.get(name, "") for name in Starter.__dataclass_fields__}
        fields["order"] = int(data.get("order") or 99)
        found[data["key"]] = Starter(**fields)
    return dict(sorted(found.items(), key=lambda kv: kv[1].order))


def starters() -> dict[str, Starter]:
    return _load(str(STARTER_DIR))


def required_papers() -> dict[str, Starter]:
    """The papers every commune must adopt at its first meetings: one per starter."""
    return starters()
