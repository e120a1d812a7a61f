"""JSON API for meetings, agenda and attendance (CONTRACT section 3). Thin: parse, call, answer."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from governance.core.api import api_blueprint, api_user, check_if_match
from governance.core.pagination import api_page, paginated
from governance.core.schemas import LocalDateTime
from governance.meetings import service
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
