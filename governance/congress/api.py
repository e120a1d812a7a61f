"""JSON API for the congress (CONTRACT section 3). Thin: parse, call the service, answer."""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_babel import gettext as _

from governance.congress import cells as cell_files
from governance.congress import delegates, service
from governance.congress.schemas import (
    AllocationRequestSchema,
    AllocationSchema,
    CellSchema,
    CongressSchema,
    CongressUpdateSchema,
    CredentialsSchema,
    DelegatePersonSchema,
    DelegateSchema,
    DelegateStatusSchema,
    ExclusionsSchema,
    MilestoneSchema,
    MilestoneUpdateSchema,
    StatusAnswerSchema,
    TieDecisionSchema,
    holidays_to_store,
)
from governance.core.api import api_blueprint, api_user, check_if_match
from governance.core.errors import error_body
from governance.meetings.service import get_meeting
from governance.org.schemas import ImportFileSchema, ImportReportSchema
from governance.voting import elections
from governance.voting.schemas import BaseSchema

blp = api_blueprint("congress_api", "The Party congress: plan, allocation, delegates")
PAGE = {"page_size": 50, "max_page_size": 500}


def _paged(query, pagination):
    rows, total = service.page(query, pagination.page, pagination.page_size)
    pagination.item_count = total
    return rows


def _slice(rows: list, pagination) -> list:
    """One page of a list already loaded (a congress's cells, plan, delegates)."""
    start = (pagination.page - 1) * pagination.page_size
    pagination.item_count = len(rows)
    return rows[start : start + pagination.page_size]


@blp.route("/congresses")
class Congresses(MethodView):
    @blp.response(200, CongressSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, pagination_parameters):
        """Congresses of the units the caller may see, latest first."""
        return _paged(service.list_congresses(api_user()), pagination_parameters)

    @blp.arguments(CongressSchema)
    @blp.response(201, CongressSchema)
    def post(self, data):
        """A congress of a unit's Party committee, with its plan counted back."""
        return _dump(service.create_congress(holidays_to_store(data), api_user()))


@blp.route("/congresses/<int:congress_id>")
class CongressResource(MethodView):
    @blp.response(200, CongressSchema)
    def get(self, congress_id):
        return _dump(service.get_congress(congress_id, api_user()))

    @blp.arguments(CongressUpdateSchema(partial=True))
    @blp.response(200, CongressSchema)
    def patch(self, data, congress_id):
        """Change the congress; the plan's counted-back dates follow the opening date."""
        congress = _dump(service.get_congress(congress_id, api_user(), "prepare"))
        version = check_if_match(congress, CongressSchema())
        data = holidays_to_store(data)
        return _dump(service.update_congress(congress, data, api_user(), version))


class PlanVersion(dict):
    """A milestone as `check_if_match` reads it: the plan's version and its fields."""

    def __init__(self, version: int, milestone: dict | None):
        super().__init__(milestone or {})
        self.version = version


def _dump(congress):
    congress.unit_code = congress.unit.code
    return congress


@blp.route("/congresses/<int:congress_id>/allocation")
class Allocation(MethodView):
    @blp.response(200, AllocationSchema)
    def get(self, congress_id):
        congress = service.get_congress(congress_id, api_user())
        return service.allocation_dict(congress, service.compute(congress))

    @blp.arguments(AllocationRequestSchema)
    @blp.response(200, AllocationSchema)
    @blp.alt_response(422, description="Impossible inputs (e.g. more base seats than seats)")
    def post(self, data, congress_id):
        """Allocate the elected seats over the cells; a tie is reported, never broken."""
        congress = service.get_congress(congress_id, api_user(), "prepare")
        return service.allocation_dict(congress, service.allocate(congress, data, api_user()))


@blp.route("/congresses/<int:congress_id>/allocation/decision")
class AllocationDecision(MethodView):
    @blp.arguments(TieDecisionSchema)
    @blp.response(200, AllocationSchema)
    def post(self, data, congress_id):
        """Give the tied seats to some of the tied cells, with a reason (audit log)."""
        congress = service.get_congress(congress_id, api_user(), "prepare")
        allocation = service.decide_tie(congress, data["winners"], data["reason"], api_user())
        return service.allocation_dict(congress, allocation)


@blp.route("/congresses/<int:congress_id>/cells")
class Cells(MethodView):
    @blp.response(200, CellSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, congress_id, pagination_parameters):
        return _slice(service.get_congress(congress_id, api_user()).cells, pagination_parameters)


@blp.route("/congresses/<int:congress_id>/cells/import")
class CellImport(MethodView):
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(422, description="Rows with errors; nothing was imported")
    def post(self, files, congress_id):
        """The cells and their members from .xlsx or .csv (columns Tên chi bộ, Số đảng viên)."""
        congress = service.get_congress(congress_id, api_user(), "prepare")
        upload = files["file"]
        rows, errors = cell_files.read_cells(upload.read(), upload.filename or "")
        if errors:
            body = error_body(422, _("Nothing was imported: %(n)s errors.", n=len(errors)))
            return jsonify(body | {"created": 0, "errors": errors}), 422
        return {"created": len(service.replace_cells(congress, rows, api_user())), "errors": []}


@blp.route("/congresses/<int:congress_id>/milestones")
class Milestones(MethodView):
    @blp.response(200, MilestoneSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, congress_id, pagination_parameters):
        """The plan, earliest first, each with its state (late, due, done…)."""
        return _slice(
            service.plan(service.get_congress(congress_id, api_user())), pagination_parameters
        )


@blp.route("/congresses/<int:congress_id>/milestones/<int:milestone_id>")
class MilestoneResource(MethodView):
    @blp.arguments(MilestoneUpdateSchema(partial=True))
    @blp.response(200, MilestoneSchema)
    def patch(self, data, congress_id, milestone_id):
        """Mark done (`done_on`), move a date, change the owner. The plan is one record:
        `If-Match` names the version every milestone of the congress shows."""
        congress = service.get_congress(congress_id, api_user(), "prepare")
        current = next((m for m in service.plan(congress) if m["id"] == milestone_id), None)
        version = None  # an unknown milestone is the service's 404
        if current is not None:
            version = check_if_match(PlanVersion(congress.version, current), MilestoneSchema())
        service.update_milestone(congress, milestone_id, data, api_user(), version)
        return next(m for m in service.plan(congress) if m["id"] == milestone_id)


@blp.route("/congresses/<int:congress_id>/delegates")
class Delegates(MethodView):
    @blp.response(200, DelegateSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, congress_id, pagination_parameters):
        congress = service.get_congress(congress_id, api_user())
        return _slice(
            [delegates.delegate_dict(d) for d in congress.delegates], pagination_parameters
        )

    @blp.arguments(DelegateSchema)
    @blp.response(201, DelegateSchema)
    def post(self, data, congress_id):
        congress = service.get_congress(congress_id, api_user(), "prepare")
        return delegates.delegate_dict(delegates.add_delegate(congress, data, api_user()))


@blp.route("/congresses/<int:congress_id>/delegates/import")
class DelegateImport(MethodView):
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(422, description="Rows with errors; nothing was imported")
    def post(self, files, congress_id):
        """Delegates from .xlsx or .csv: the member columns plus Thành phần, Chi bộ."""
        congress = service.get_congress(congress_id, api_user(), "prepare")
        upload = files["file"]
        rows = cell_files.read_delegates(upload.read(), upload.filename or "")
        created, errors = delegates.import_delegates(congress, rows, api_user())
        if errors:
            body = error_body(422, _("Nothing was imported: %(n)s errors.", n=len(errors)))
            return jsonify(body | {"created": 0, "errors": errors}), 422
        return {"created": created, "errors": []}


@blp.route("/delegates/<int:delegate_id>/status")
class DelegateStatus(MethodView):
    @blp.arguments(DelegateStatusSchema)
    @blp.response(200, StatusAnswerSchema)
    def post(self, data, delegate_id):
        """Not convened (suspended, prosecuted, transferred, retiring): the next alternate
        of the cell takes the seat; the reason is kept."""
        delegate = delegates.get_delegate(delegate_id, api_user(), "prepare")
        seated = delegates.set_status(delegate, data["status"], data["reason"], api_user())
        return {
            "delegate": delegates.delegate_dict(delegate),
            "seated_alternate": delegates.delegate_dict(seated) if seated else None,
        }


@blp.route("/delegates/<int:delegate_id>/person")
class DelegatePerson(MethodView):
    @blp.arguments(DelegatePersonSchema)
    @blp.response(200, DelegateSchema)
    @blp.alt_response(409, description="Already linked to another person")
    def put(self, data, delegate_id):
        """Link a typed or imported delegate to their member record in the registry."""
        delegate = delegates.get_delegate(delegate_id, api_user(), "prepare")
        return delegates.delegate_dict(
            delegates.link_person(delegate, data["person_id"], api_user())
        )


@blp.route("/congresses/<int:congress_id>/credentials")
class Credentials(MethodView):
    @blp.response(200, CredentialsSchema)
    def get(self, congress_id):
        """The credentials committee's figures over the delegates convened."""
        congress = service.get_congress(congress_id, api_user())
        return delegates.credentials_dict(delegates.credentials(congress))


@blp.route("/meetings/<int:meeting_id>/election-base")
class ElectionBase(MethodView):
    @blp.response(200, BaseSchema)
    def get(self, meeting_id):
        """The base the server counts an election on: convened minus each exclusion."""
        meeting = get_meeting(meeting_id, api_user())
        return elections.base_dict(elections.base_working(meeting))


@blp.route("/meetings/<int:meeting_id>/exclusions")
class Exclusions(MethodView):
    @blp.arguments(ExclusionsSchema)
    @blp.response(200, BaseSchema)
    def put(self, data, meeting_id):
        """Who is left out of the base, each with a category of Regulation 190 art. 30."""
        meeting = get_meeting(meeting_id, api_user())
        working = delegates.set_exclusions(meeting, data["records"], api_user())
        return elections.base_dict(working)
