"""Web forms of meetings. Values are validated by meetings.schemas, through load_into."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from governance.meetings.models import STATUS_LABELS, ItemKind, MeetingKind  # noqa: F401

MEETING_KIND_LABELS = {
    MeetingKind.FIRST: _l("First meeting"),
    MeetingKind.REGULAR: _l("Regular"),
    MeetingKind.EXTRAORDINARY: _l("Extraordinary"),
    MeetingKind.THEMATIC: _l("Thematic"),
}
ITEM_KIND_LABELS = {
    ItemKind.PROCEDURAL: _l("Procedure"),
    ItemKind.REPORT: _l("Report"),
    ItemKind.DISCUSSION: _l("Discussion"),
    ItemKind.VOTE: _l("Vote"),
    ItemKind.ELECTION: _l("Election"),
}
MAJORITY_LABELS = {
    "": _l("No vote needed"),
    "more_than_half": _l("More than half of all members"),
    "at_least_two_thirds": _l("At least two thirds of all members"),
}
LOCAL = "%d/%m/%Y %H:%M"
TYPED = (LOCAL, "%d/%m/%Y %Hh%M", "%d/%m/%Y %H.%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M")


class LocalDateTimeField(StringField):
    """A date and time typed as `dd/mm/yyyy hh:mm` (24 h): the same whatever the browser's
    language (a datetime-local input shows the browser's own order and AM/PM)."""

    def process_formdata(self, valuelist):
        self.data = None
        text = " ".join((valuelist[0] if valuelist else "").split())
        if not text:
            return
        for pattern in TYPED:
            try:
                self.data = datetime.strptime(text, pattern)
                return
            except ValueError:
                continue
        raise ValueError(_("Write the date and time as dd/mm/yyyy hh:mm, e.g. 03/12/2026 08:00."))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime(LOCAL) if self.data else ""


class MeetingForm(FlaskForm):
    template = SelectField(_l("Standard agenda"), choices=[], default="")
    title = StringField(_l("Title"), filters=[lambda v: v or ""])
    kind = SelectField(
        _l("Type of meeting"),
        choices=[("", _l("As in the standard agenda")), *MEETING_KIND_LABELS.items()],
        default="",
    )
    sequence = IntegerField(_l("Number in the term"), validators=[Optional()])
    starts_at = LocalDateTimeField(_l("Starts"), validators=[InputRequired()])
    ends_at = LocalDateTimeField(_l("Planned end"), validators=[Optional()])
    location = StringField(_l("Place"), filters=[lambda v: v or ""])
    convener = StringField(_l("Convened by"), filters=[lambda v: v or ""])
    chair_name = StringField(_l("Chaired by"), filters=[lambda v: v or ""])
    secretary_name = StringField(_l("Secretary"), filters=[lambda v: v or ""])
    guests = TextAreaField(_l("Invited guests (one per line)"), filters=[lambda v: v or ""])
    version = HiddenField()


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Item"), validators=[InputRequired()])
    kind = SelectField(_l("Type"), choices=list(ITEM_KIND_LABELS.items()))
    presenter = StringField(_l("Presented by"), filters=[lambda v: v or ""])
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), default=15, validators=[InputRequired()]
    )
    majority = SelectField(_l("Rule if voted"), choices=list(MAJORITY_LABELS.items()))
    notes = TextAreaField(_l("Discussion notes (for the minutes)"), filters=[lambda v: v or ""])
    version = HiddenField()


PAPER_KIND_LABELS = {
    "submission": _l("Submission (Tờ trình)"),
    "review_report": _l("Review report (Báo cáo thẩm tra)"),
    "draft": _l("Draft"),
    "other": _l("Other paper"),
}


class AttachmentForm(FlaskForm):
    file = FileField(_l("Paper (PDF, Word, Excel, image)"), validators=[FileRequired()])
    paper_kind = SelectField(_l("Kind"), choices=list(PAPER_KIND_LABELS.items()), default="other")
    doc_number = StringField(_l("Number (e.g. 12/TTr-UBND)"), filters=[lambda v: v or ""])
    issued_on = DateField(_l("Dated"), validators=[Optional()])
    issuer = StringField(_l("Issued by"), filters=[lambda v: v or ""])
