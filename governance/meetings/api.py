"""JSON API for meetings, agenda and attendance (CONTRACT section 3). Thin: parse, call, answer."""

from __future__ import annotations

from datetime import date

from flask import current_app, request, send_file
from flask.views import MethodView
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate
from werkzeug.exceptions import RequestEntityTooLarge

from governance.core.api import api_blueprint, api_user, check_if_match
from governance.core.errors import Invalid
from governance.core.pagination import api_page, paginated
from governance.core.schemas import LocalDateTime
from governance.meetings import papers, service
from governance.meetings.schemas import (
    AgendaItemSchema,
    AgendaItemUpdateSchema,
    AgendaOrderSchema,
    AttendanceSchema,
    MeetingDetailSchema,
    MeetingSchema,
    MeetingUpdateSchema,
    QuorumSchema,
)

blp = api_blueprint("meetings_api", "Meetings, agenda and attendance")


class MeetingQuerySchema(Schema):
    body_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=2**31 - 1))
    unit = fields.String(load_default=None, validate=validate.Length(max=20))
    status = fields.String(
        load_default=None, validate=validate.OneOf(["planned", "open", "closed"])
    )
    start = LocalDateTime(load_default=None)
    end = LocalDateTime(load_default=None)


@blp.route("/meetings")
class Meetings(MethodView):
    @blp.arguments(MeetingQuerySchema, location="query")
    @blp.response(200, MeetingSchema(many=True))
    @paginated(blp)
    def get(self, query, pagination_parameters):
        """Meetings the caller may see, by start time; filter by body, unit, status, period."""
        return api_page(service.meeting_query(api_user(), **query), pagination_parameters)

    @blp.arguments(MeetingSchema)
    @blp.response(201, MeetingDetailSchema)
    @blp.alt_response(409, description="The body has its first session (confirm a second one)")
    def post(self, data):
        """Plan a meeting; `template` fills its agenda from a standard agenda."""
        return service.detail(service.create_meeting(data, api_user()))


@blp.route("/meetings/<int:meeting_id>")
class MeetingResource(MethodView):
    @blp.response(200, MeetingDetailSchema)
    def get(self, meeting_id):
        return service.detail(service.get_meeting(meeting_id, api_user()))

    @blp.arguments(MeetingUpdateSchema(partial=True))
    @blp.response(200, MeetingDetailSchema)
    def patch(self, data, meeting_id):
        meeting = service.get_meeting(meeting_id, api_user())
        version = check_if_match(meeting, MeetingSchema())
        return service.detail(service.update_meeting(meeting, data, api_user(), version))

    @blp.response(204)
    def delete(self, meeting_id):
        """Cancel a planned meeting."""
        service.cancel_meeting(service.get_meeting(meeting_id, api_user()), api_user())


@blp.route("/meetings/<int:meeting_id>/open")
class OpenMeeting(MethodView):
    @blp.response(200, MeetingDetailSchema)
    @blp.alt_response(409, description="No quorum, or not planned")
    def post(self, meeting_id):
        meeting = service.get_meeting(meeting_id, api_user())
        return service.detail(service.open_meeting(meeting, api_user()))


@blp.route("/meetings/<int:meeting_id>/close")
class CloseMeeting(MethodView):
    @blp.response(200, MeetingDetailSchema)
    def post(self, meeting_id):
        meeting = service.get_meeting(meeting_id, api_user())
        return service.detail(service.close_meeting(meeting, api_user()))


@blp.route("/meetings/<int:meeting_id>/agenda")
class Agenda(MethodView):
    @blp.arguments(AgendaItemSchema)
    @blp.response(201, AgendaItemSchema)
    def post(self, data, meeting_id):
        """Add an item (also while the meeting is open: a programme can be amended)."""
        meeting = service.get_meeting(meeting_id, api_user())
        return service.add_item(meeting, data, api_user())


@blp.route("/meetings/<int:meeting_id>/agenda/order")
class AgendaOrder(MethodView):
    @blp.arguments(AgendaOrderSchema)
    @blp.response(200, AgendaItemSchema(many=True))
    def put(self, data, meeting_id):
        meeting = service.get_meeting(meeting_id, api_user())
        service.reorder(meeting, data["item_ids"], api_user())
        return service.schedule(meeting)[0]


@blp.route("/agenda/<int:item_id>")
class AgendaItemResource(MethodView):
    @blp.arguments(AgendaItemUpdateSchema(partial=True))
    @blp.response(200, AgendaItemSchema)
    def patch(self, data, item_id):
        item = service.get_item(item_id, api_user())
        version = check_if_match(item, AgendaItemSchema())
        return service.update_item(item, data, api_user(), version)

    @blp.response(204)
    def delete(self, item_id):
        service.delete_item(service.get_item(item_id, api_user()), api_user())


@blp.route("/meetings/<int:meeting_id>/attendance")
class AttendanceResource(MethodView):
    @blp.response(200, QuorumSchema)
    def get(self, meeting_id):
        return service.quorum(service.get_meeting(meeting_id, api_user()))

    @blp.arguments(AttendanceSchema)
    @blp.response(200, QuorumSchema)
    def put(self, data, meeting_id):
        """Record present / absent_excused / absent; answers the quorum."""
        meeting = service.get_meeting(meeting_id, api_user())
        return service.set_attendance(meeting, data["records"], api_user())


# Papers (CONTRACT 3; INTERFACES B) -----------------------------------------------------

PAPER_FIELDS = ("paper_kind", "doc_number", "issued_on", "issuer")


def _paper_dict(paper) -> dict:
    issued = paper.issued_on.isoformat() if paper.issued_on else None
    return {
        "id": paper.id,
        "name": paper.filename,
        "size": paper.size,
        "sha256": paper.sha256,
        "paper_kind": paper.paper_kind,
        "doc_number": paper.doc_number,
        "issued_on": issued,
        "issuer": paper.issuer,
    }


def _paper_form() -> dict:
    meta = {name: request.form.get(name, "") for name in PAPER_FIELDS}
    try:
        meta["issued_on"] = date.fromisoformat(meta["issued_on"]) if meta["issued_on"] else None
    except ValueError:
        raise Invalid(fields={"issued_on": _("Give the date as YYYY-MM-DD.")}) from None
    return meta


@blp.route("/agenda/<int:item_id>/papers")
class ItemPapers(MethodView):
    @blp.response(201)
    def post(self, item_id):
        """Attach a paper (multipart `file`, up to 20 MiB; optional `paper_kind`,
        `doc_number`, `issued_on` YYYY-MM-DD, `issuer`)."""
        item = service.get_item(item_id, api_user())
        upload = request.files.get("file")
        if upload is None:
            raise Invalid(fields={"file": _("Choose a file to attach.")})
        upload.stream.seek(0, 2)
        if upload.stream.tell() > current_app.config["ATTACHMENT_MAX_BYTES"]:
            raise RequestEntityTooLarge()  # the JSON 413, as for a body over the route's limit
        upload.stream.seek(0)
        return _paper_dict(papers.attach(item, upload, api_user(), _paper_form()))


@blp.route("/papers/<int:attachment_id>")
class PaperFile(MethodView):
    def get(self, attachment_id):
        """The paper's bytes, as uploaded."""
        paper, path = papers.get_attachment(attachment_id, api_user())
        return send_file(
            path, mimetype=paper.content_type, as_attachment=True, download_name=paper.filename
        )
