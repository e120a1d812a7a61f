"""The trial-operation checklist of a commune: what the provincial working groups inspect.

Each item is filled from the data where the data can say (bodies formed, first meetings held,
papers adopted, congress on time); an item no domain reports stays "to check on site".
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from governance.org.models import Unit
from governance.oversight.dashboard import progress
from governance.oversight.progress import REQUIRED_BODY_KINDS

DONE, MISSING, LATE, UNKNOWN = "done", "missing", "late", "unknown"
STATE_LABELS = {
    DONE: _l("Done"),
    MISSING: _l("Not yet"),
    LATE: _l("Late"),
    UNKNOWN: _l("To check on site"),
}
FIRST_MEETING_LABELS = {
    "party_standing": _l("First meeting of the Party Standing Committee held"),
    "party_executive": _l("First meeting of the Party Executive Committee held"),
    "people_council": _l("First session of the People's Council held"),
    "people_committee": _l("First meeting of the People's Committee held"),
}


@dataclass(frozen=True)
class Item:
    key: str
    label: object
    state: str
    detail: str = ""

    @property
    def state_label(self) -> object:
        return STATE_LABELS[self.state]


def checklist(unit: Unit) -> list[Item]:
    values = progress([unit.id])[unit.id]
    formed = int(values.get("bodies_formed") or 0)
    items = [
        Item(
            "bodies_formed",
            _l("Bodies formed (Party Committee, People's Council, People's Committee)"),
            DONE if formed >= len(REQUIRED_BODY_KINDS) else MISSING,
            f"{formed}/{len(REQUIRED_BODY_KINDS)}",
        )
    ]
    items += [
        Item(f"first_meeting:{kind}", label, DONE if values.get(f"first_{kind}") else MISSING)
        for kind, label in FIRST_MEETING_LABELS.items()
    ]
    items.append(_papers_item(values))
    items.append(_congress_item(values))
    return items


def _papers_item(values: dict) -> Item:
    label = _l("Working regulations and programmes adopted")
    if "drafts_adopted" not in values:
        return Item("papers_adopted", label, UNKNOWN)
    adopted, missing = values.get("drafts_adopted") or 0, values.get("papers_missing") or 0
    state = DONE if adopted and not missing else MISSING
    detail = f"{adopted}" + (f" (−{missing})" if missing else "")
    return Item("papers_adopted", label, state, detail)


def _congress_item(values: dict) -> Item:
    label = _l("Congress preparation on time")
    if "congress_late" not in values:
        return Item("congress_on_time", label, UNKNOWN)
    late, done, total = (
        values.get(k) or 0 for k in ("congress_late", "congress_done", "congress_total")
    )
    state = (
        LATE if late else (DONE if total and done >= total else (MISSING if not total else DONE))
    )
    return Item("congress_on_time", label, state, f"{done}/{total}" if total else "")


def item_labels() -> dict[str, object]:
    return {
        "": _l("General"),
        "bodies_formed": _l("Bodies formed"),
        **{f"first_meeting:{k}": v for k, v in FIRST_MEETING_LABELS.items()},
        "papers_adopted": _l("Working regulations and programmes adopted"),
        "congress_on_time": _l("Congress preparation on time"),
    }
