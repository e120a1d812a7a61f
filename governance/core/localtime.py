"""Every time a person reads, in one form: local (Asia/Ho_Chi_Minh), Vietnamese order.

`Thứ Năm, 03/12/2026 11:00` — weekday, day/month/year, 24-hour time — whatever the
browser's language; the weekday follows the interface language. Templates use the
`localtime` filter (registered by core.views); code calls `local_text`.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from governance.core.schemas import local_zone

WEEKDAYS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
STYLES = {
    "full": "{weekday}, {d:%d/%m/%Y} {d:%H:%M}",
    "datetime": "{d:%d/%m/%Y} {d:%H:%M}",
    "day": "{weekday}, {d:%d/%m/%Y}",
    "date": "{d:%d/%m/%Y}",
    "time": "{d:%H:%M}",
    "short": "{d:%d/%m} {d:%H:%M}",
}


def to_local(value: datetime) -> datetime:
    """An aware time in the app's zone (a naive one is taken as UTC, as stored)."""
    if value.tzinfo is None:
        from datetime import UTC

        value = value.replace(tzinfo=UTC)
    return value.astimezone(local_zone())


def local_text(value: datetime | date | None, style: str = "full") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value)
    elif style in ("full", "datetime", "time", "short"):
        style = "day" if style == "full" else "date"
    return STYLES[style].format(d=value, weekday=WEEKDAYS[value.weekday()])
