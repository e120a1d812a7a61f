"""JSON API for units, bodies and members (CONTRACT section 3). Thin: parse, call, answer."""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from governance.core.api import api_blueprint, api_user, check_if_match
from governance.core.errors import error_body
from governance.core.pagination import api_page, paginated
from governance.org import service
from governance.org.models import Body, Member
from governance.org.schemas import (
    BodySchema,
    BodyUpdateSchema,
    ImportFileSchema,
    ImportReportSchema,
    MemberSchema,
    MemberUpdateSchema,
    UnitSchema,
    UnitUpdateSchema,
)
from governance.org.spreadsheet import read_member_rows

blp = api_blueprint("org_api", "Units, bodies and members")


class UnitQuerySchema(Schema):
    province = fields.String(load_default=None, validate=validate.Length(max=20))
    q = fields.String(load_default="", validate=validate.Length(max=100))


@blp.route("/units")
class Units(MethodView):
    @blp.arguments(UnitQuerySchema, location="query")
    @blp.response(200, UnitSchema(many=True))
    @paginated(blp)
    def get(self, query, pagination_parameters):
        """Units the caller may see; filter by province code and by name or code (`q`)."""
        units = service.unit_query(api_user(), query["province"], query["q"])
        return api_page(units, pagination_parameters)

    @blp.arguments(UnitSchema)
    @blp.response(201, UnitSchema)
    def post(self, data):
        """Create a unit (admin)."""
        return service.create_unit(data, api_user())


@blp.route("/units/<string:code>")
class UnitResource(MethodView):
    @blp.response(200, UnitSchema)
    def get(self, code):
        return service.get_unit(code, api_user())

    @blp.arguments(UnitUpdateSchema)
    @blp.response(200, UnitSchema)
    def patch(self, data, code):
        """Rename a unit (admin)."""
        unit = service.get_unit(code, api_user())
        version = check_if_match(unit, UnitSchema())
        return service.update_unit(unit, data, api_user(), version)

    @blp.response(204)
    def delete(self, code):
        """Remove a unit that has no bodies, units or accounts (admin)."""
        service.delete_unit(service.get_unit(code, api_user()), api_user())


@blp.route("/units/<string:code>/bodies")
class UnitBodies(MethodView):
    @blp.response(200, BodySchema(many=True))
    @paginated(blp)
    def get(self, code, pagination_parameters):
        """Bodies of a unit."""
        unit = service.get_unit(code, api_user())
        bodies = (
            select(Body)
            .where(Body.unit_id == unit.id)
            .order_by(Body.id)
            .options(selectinload(Body.members).load_only(Member.id))
        )
        return api_page(bodies, pagination_parameters)

    @blp.arguments(BodySchema)
    @blp.response(201, BodySchema)
    def post(self, data, code):
        """Create a body in a unit (the unit's clerk)."""
        return service.create_body(service.get_unit(code, api_user()), data, api_user())


@blp.route("/bodies/<int:body_id>")
class BodyResource(MethodView):
    @blp.response(200, BodySchema)
    def get(self, body_id):
        return service.get_body(body_id, api_user())

    @blp.arguments(BodyUpdateSchema(partial=True))
    @blp.response(200, BodySchema)
    def patch(self, data, body_id):
        body = service.get_body(body_id, api_user(), write=True)
        return service.update_body(body, data, api_user(), check_if_match(body, BodySchema()))

    @blp.response(204)
    def delete(self, body_id):
        service.delete_body(service.get_body(body_id, api_user(), write=True), api_user())


@blp.route("/bodies/<int:body_id>/members")
class BodyMembers(MethodView):
    @blp.response(200, MemberSchema(many=True))
    @paginated(blp)
    def get(self, body_id, pagination_parameters):
        body = service.get_body(body_id, api_user())
        members = select(Member).where(Member.body_id == body.id).order_by(Member.id)
        return api_page(members, pagination_parameters)

    @blp.arguments(MemberSchema)
    @blp.response(201, MemberSchema)
    def post(self, data, body_id):
        body = service.get_body(body_id, api_user(), write=True)
        return service.create_member(body, data, api_user())


@blp.route("/bodies/<int:body_id>/members/import")
class MemberImport(MethodView):
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(422, description="Rows with errors; nothing was imported")
    def post(self, files, body_id):
        """Import members from .xlsx or .csv: all rows, or none when any row is bad."""
        body = service.get_body(body_id, api_user(), write=True)
        upload = files["file"]
        rows = read_member_rows(upload.read(), upload.filename or "")
        created, errors = service.import_members(body, rows, api_user())
        if errors:  # the CONTRACT's report, inside the usual error shape
            body = error_body(422, _("Nothing was imported: %(n)s errors.", n=len(errors)))
            return jsonify(body | {"created": 0, "errors": errors}), 422
        return {"created": created, "errors": []}


@blp.route("/members/<int:member_id>")
class MemberResource(MethodView):
    @blp.response(200, MemberSchema)
    def get(self, member_id):
        return service.get_member(member_id, api_user())

    @blp.arguments(MemberUpdateSchema(partial=True))
    @blp.response(200, MemberSchema)
    def patch(self, data, member_id):
        member = service.get_member(member_id, api_user(), write=True)
        version = check_if_match(member, MemberSchema())
        return service.update_member(member, data, api_user(), version)

    @blp.response(204)
    def delete(self, member_id):
        service.delete_member(service.get_member(member_id, api_user(), write=True), api_user())
