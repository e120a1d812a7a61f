"""Planning helpers for the web form: the standard agenda a first session starts from, the
chair chosen from the members, and one first session per body (a second one is confirmed)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from governance.core.localtime import local_text
from governance.extensions import db
from governance.meetings.models import Meeting, MeetingKind
from governance.org.models import Body

CHAIR_POSITIONS = ("Bí thư", "Chủ tịch")


def first_session_of(body: Body) -> Meeting | None:
    query = select(Meeting).where(Meeting.body_id == body.id, Meeting.kind == MeetingKind.FIRST)
    return db.session.scalars(query.order_by(Meeting.starts_at).limit(1)).first()


def preselect(form, body: Body, templates, earlier: Meeting | None) -> None:
    """A body's first session starts from its standard agenda, chaired by its head."""
    first = [t for t in templates if t.meeting_kind == MeetingKind.FIRST]
    if earlier is None and first and not form.template.data:
        form.template.data = first[0].key
    if not form.chair_name.data:
        heads = [m for m in body.members if m.position.startswith(CHAIR_POSITIONS)]
        if heads:
            form.chair_name.data = heads[0].full_name


def second_first_session(body: Body, kind: str, confirmed: bool) -> str:
    """The message that stops a second first session of a body (web form and API alike),
    unless the clerk confirmed it: its resolution would print "second session" under a
    first-session title."""
    if kind != MeetingKind.FIRST or confirmed:
        return ""
    earlier = first_session_of(body)
    if earlier is None:
        return ""
    return _(
        "%(body)s already has its first session: “%(title)s” on %(when)s. A second one would "
        "print “second session” under a first-session title. Choose another type, or confirm "
        "that you plan it anyway.",
        body=earlier.body.name,
        title=earlier.title,
        when=local_text(earlier.starts_at),
    )
