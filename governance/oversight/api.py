"""JSON API for oversight (CONTRACT section 3). Thin: parse, call, answer."""

from __future__ import annotations

from datetime import date

from flask.views import MethodView

from governance.core.api import api_blueprint, api_user, page_of
from governance.oversight import dashboard, service
from governance.oversight.schemas import (
    AnswerSchema,
    FindingSchema,
    OversightQuerySchema,
    OversightUnitSchema,
)

blp = api_blueprint("oversight_api", "Provincial oversight of communes")
PAGE = {"page_size": 100, "max_page_size": 500}


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@blp.route("/oversight/<string:province_code>")
class ProvinceOversight(MethodView):
    @blp.arguments(OversightQuerySchema, location="query")
    @blp.response(200, OversightUnitSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, query, province_code, pagination_parameters):
        """The communes of a province with their progress (admin, inspector of the province)."""
        province = service.get_province(province_code, api_user())
        board = dashboard.board(
            province, query["only"], query["q"], query["sort"], query["dir"] == "desc"
        )
        pagination_parameters.item_count = len(board.rows)
        first = pagination_parameters.first_item
        return [
            {
                "code": row.unit.code,
                "name": row.unit.name,
                "kind": row.unit.kind,
                "meetings_held": row.values.get("meetings_held"),
                "drafts_adopted": row.values.get("drafts_adopted"),
                "congress_late": row.values.get("congress_late"),
                "late": row.late,
                "progress": {k: _json(v) for k, v in row.values.items()},
            }
            for row in board.rows[first : first + pagination_parameters.page_size]
        ]


@blp.route("/oversight/units/<string:code>/findings")
class UnitFindings(MethodView):
    @blp.response(200, FindingSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, code, pagination_parameters):
        """Findings and requests on a commune, with its answers (paginated: X-Pagination)."""
        findings = list(service.findings(service.get_commune(code, api_user())))
        return page_of(findings, pagination_parameters)

    @blp.arguments(FindingSchema)
    @blp.response(201, FindingSchema)
    def post(self, data, code):
        """Record a finding or a request (inspector of the province, admin)."""
        return service.record_finding(service.get_commune(code, api_user()), data, api_user())


@blp.route("/oversight/findings/<int:finding_id>/answer")
class AnswerFinding(MethodView):
    @blp.arguments(AnswerSchema)
    @blp.response(200, FindingSchema)
    def post(self, data, finding_id):
        """The commune's answer (its clerk or chair)."""
        finding = service.get_finding(finding_id, api_user())
        return service.answer_finding(finding, data["answer"], api_user())
