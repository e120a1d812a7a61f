"""Standard agendas and dispatch deadlines: YAML data files an office can edit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from governance.meetings.models import ItemKind, MeetingKind
from governance.rules import MAJORITY_RULES

DATA = Path(__file__).resolve().parent
AGENDAS = DATA / "agendas"


@dataclass(frozen=True)
class TemplateItem:
    title: str
    kind: str
    presenter: str
    duration: int
    majority: str | None


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    body_kind: str
    meeting_kind: str
    title: str
    duration_hint: int  # minutes, to propose a planned end
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True)
class DispatchRule:
    invitation_days: int
    papers_days: int
    working_days: bool
    basis: str


@cache
def agenda_templates() -> dict[str, AgendaTemplate]:
    templates = {}
    for path in sorted(AGENDAS.glob("*.yaml")):
        template = _parse_template(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
        templates[template.key] = template
    return templates


def _parse_template(raw: dict, name: str) -> AgendaTemplate:
    """Read one file, refusing values the app could not use (a typo must not pass)."""
    items = tuple(
        TemplateItem(
            title=str(item["title"]),
            kind=item.get("kind", ItemKind.DISCUSSION),
            presenter=str(item.get("presenter", "")),
            duration=int(item.get("duration", 15)),
            majority=item.get("majority"),
        )
        for item in raw["items"]
    )
    for item in items:
        if item.kind not in set(ItemKind) or (
            item.majority and item.majority not in MAJORITY_RULES
        ):
            raise ValueError(f"{name}: item {item.title!r} has an unknown kind or majority")
    if raw["meeting_kind"] not in set(MeetingKind):
        raise ValueError(f"{name}: unknown meeting_kind {raw['meeting_kind']!r}")
    return AgendaTemplate(
        raw["key"],
        raw["body_kind"],
        raw["meeting_kind"],
        raw["title"],
        int(raw.get("duration_hint", 180)),
        items,
    )


def templates_for(body_kind: str) -> list[AgendaTemplate]:
    return [t for t in agenda_templates().values() if t.body_kind == body_kind]


@cache
def dispatch_rules() -> dict[str, DispatchRule]:
    raw = yaml.safe_load((DATA / "dispatch.yaml").read_text(encoding="utf-8"))
    return {
        kind: DispatchRule(
            int(v["invitation_days"]),
            int(v["papers_days"]),
            bool(v["working_days"]),
            str(v["basis"]),
        )
        for kind, v in raw.items()
    }
