"""From a context to a .docx: which template, and the values a template prints.

Templates are `document_templates/<kind>_<style>.docx` (or `<kind>.docx` when one file
serves both styles); a unit may replace one with its own upload (see models.UnitTemplate).
"""

from __future__ import annotations

import datetime
import inspect
from pathlib import Path
from typing import Any

from governance.documents.contexts import DocumentContext
from governance.documents.render import (
    CompiledTemplate,
    clean,
    template_from_bytes,
    template_from_path,
)
from governance.rules.formats import date_line

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "document_templates"
TEMPLATE_NAMES = (
    "resolution_state",
    "resolution_party",
    "decision_state",
    "decision_party",
    "minutes_state",
    "minutes_party",
    "counting_report",
    "programme_state",
    "programme_party",
    "invitation_state",
    "invitation_party",
)


def template_name(kind: str, style: str) -> str:
    """`resolution_party`; a kind with one shared file (counting_report) has no style."""
    for name in (f"{kind}_{style}", kind, f"{kind}_state"):
        if name in TEMPLATE_NAMES:
            return name
    raise ValueError(f"No template for {kind!r}.")


def template_path(name: str) -> Path:
    return TEMPLATE_DIR / f"{name}.docx"


def compiled(name: str, override: tuple[str, bytes] | None = None) -> CompiledTemplate:
    """The unit's replacement when it has one (`(sha256, bytes)`), else the shipped file."""
    if override is not None:
        return template_from_bytes(*override)
    return template_from_path(template_path(name))


def compose(context: DocumentContext, override: tuple[str, bytes] | None = None) -> bytes:
    name = template_name(context.kind, context.letterhead.style)
    return compiled(name, override).render(render_data(context))


# What the templates print ----------------------------------------------------------------


def render_data(context: DocumentContext) -> dict[str, Any]:
    """The context's fields and properties (cleaned), plus the derived lines."""
    ctx = clean(context)
    data = {name: getattr(ctx, name) for name in ctx.__dataclass_fields__}
    for name, member in inspect.getmembers(type(ctx)):
        if isinstance(member, property):
            data[name] = getattr(ctx, name)
    data["date_line"] = _date_line(ctx)
    bases = [*getattr(ctx, "legal_bases", []), *getattr(ctx, "considerations", [])]
    data["bases"] = punctuated(bases)
    start = getattr(ctx, "started_at", None) or getattr(ctx, "starts_at", None)
    data["started_text"] = data["starts_text"] = time_text(start)
    end = getattr(ctx, "ended_at", None)
    data["ended_hour"] = f"{end.hour:02d}" if end else "……"
    data["ended_minute"] = f"{end.minute:02d}" if end else "……"
    data["ended_text"] = time_text(end)
    data["bare_number"] = bare_number(ctx.number)
    for annex in data.get("annexes") or []:
        annex.note = annex.note.replace("{number}", data["bare_number"] or "……")
    title = f"{ctx.title} {ctx.number}".strip() + (f" {ctx.summary}" if ctx.summary else "")
    data["core"] = {  # one line each: a line break is Word markup, not a property's text
        "title": " ".join(title.split())[:250],
        "author": " ".join(ctx.letterhead.issuer_name.split())[:250],
        "created": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return data


def bare_number(number: str) -> str:
    """ "Số: 05/NQ-HĐND" → "05/NQ-HĐND"; "Số 05-NQ/ĐU" → "05-NQ/ĐU"."""
    return number.removeprefix("Số:").removeprefix("Số").strip()


def _date_line(ctx: DocumentContext) -> str:
    place = ctx.letterhead.place.strip() or "…"
    if ctx.date is None:  # a draft not yet dated: the office writes the day in
        return f"{place}, ngày      tháng      năm {datetime.date.today().year}"
    return date_line(place, ctx.date)


def time_text(moment: datetime.datetime | None) -> str:
    """`08 giờ 00 phút, ngày 05 tháng 02 năm 2026`."""
    if moment is None:
        return "…… giờ …… phút, ngày …… tháng …… năm ……"
    day = date_line("-", moment.date()).removeprefix("-, ")
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {day}"


def punctuated(lines: list[str]) -> list[str]:
    """ "Căn cứ …;" on every line, the last ending with "." (Decree 30/2020)."""
    kept = [line.strip().rstrip(";.,") for line in lines if line and line.strip()]
    return [f"{line}{'.' if i == len(kept) - 1 else ';'}" for i, line in enumerate(kept)]
