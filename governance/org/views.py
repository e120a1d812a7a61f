"""Registry pages: units, bodies, members, import and export. Thin: parse, call, render."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core.access import can_manage_registry, can_manage_units, require
from governance.core.downloads import XLSX, attachment
from governance.core.errors import Conflict, Invalid
from governance.core.forms import ConfirmForm, form_version, load_into, put_errors
from governance.core.nav import add_nav
from governance.core.pagination import web_page
from governance.org import service
from governance.org.forms import (
    BODY_KIND_LABELS,
    GENDER_LABELS,
    UNIT_KIND_LABELS,
    BodyForm,
    ImportForm,
    MemberForm,
    UnitForm,
    UnitNameForm,
)
from governance.org.people_views import blueprint as people_blueprint
from governance.org.schemas import BodySchema, MemberSchema, UnitSchema, UnitUpdateSchema
from governance.org.spreadsheet import MEMBER_COLUMNS, export_members, read_member_rows

blueprint = Blueprint("org", __name__, url_prefix="/org")
blueprints = [people_blueprint]  # linking accounts to members

add_nav(10, _l("Units"), "org.units")


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every registry page needs a signed-in user; services check role and unit."""


@blueprint.app_context_processor
def _labels() -> dict:
    return {
        "unit_kinds": UNIT_KIND_LABELS,
        "body_kinds": BODY_KIND_LABELS,
        "genders": GENDER_LABELS,
        "confirm_form": ConfirmForm(),
    }


@blueprint.route("/units", methods=["GET", "POST"])
def units():
    form = UnitForm()
    if form.is_submitted():
        require(can_manage_units(current_user))
    if (data := load_into(form, UnitSchema())) is not None:
        try:
            unit = service.create_unit(data, current_user)
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Unit %(name)s created.", name=unit.name), "success")
            return redirect(url_for("org.units"))
    province, search = request.args.get("province", ""), request.args.get("q", "")
    page = web_page(service.unit_query(current_user, province, search))
    return render_template(
        "org/units.html",
        page=page,
        body_counts=service.body_counts([u.id for u in page.items]),
        provinces=service.provinces(current_user),
        province=province,
        search=search,
        form=form,
        can_create=can_manage_units(current_user),
    )


@blueprint.route("/units/<code>", methods=["GET", "POST"])
def unit(code: str):
    unit = service.get_unit(code, current_user)
    form = BodyForm()
    if (data := load_into(form, BodySchema())) is not None:
        body = service.create_body(unit, data, current_user)
        flash(_("%(name)s added.", name=body.name), "success")
        return redirect(url_for("org.body", body_id=body.id))
    return render_template(
        "org/unit.html",
        unit=unit,
        form=form,
        can_edit=can_manage_registry(current_user, unit),
        can_manage=can_manage_units(current_user),
    )


@blueprint.route("/units/<code>/edit", methods=["GET", "POST"])
def edit_unit(code: str):
    unit = service.get_unit(code, current_user)
    require(can_manage_units(current_user))
    form = UnitNameForm(obj=unit)
    if (data := load_into(form, UnitUpdateSchema())) is not None:
        service.update_unit(unit, data, current_user)
        flash(_("Changes saved."), "success")
        return redirect(url_for("org.unit", code=unit.code))
    return render_template("org/unit_form.html", unit=unit, form=form)


@blueprint.route("/units/<code>/delete", methods=["POST"])
def delete_unit(code: str):
    unit = service.get_unit(code, current_user)
    name = unit.name
    service.delete_unit(unit, current_user)
    flash(_("%(name)s removed.", name=name), "success")
    return redirect(url_for("org.units"))


@blueprint.route("/bodies/<int:body_id>")
def body(body_id: int):
    body = service.get_body(body_id, current_user)
    return render_template(
        "org/body.html", body=body, can_edit=can_manage_registry(current_user, body.unit)
    )


@blueprint.route("/bodies/<int:body_id>/edit", methods=["GET", "POST"])
def edit_body(body_id: int):
    body = service.get_body(body_id, current_user, write=True)
    form = BodyForm(obj=body)
    if (data := load_into(form, BodySchema())) is not None:
        service.update_body(body, data, current_user, form_version(form))
        flash(_("Changes saved."), "success")
        return redirect(url_for("org.body", body_id=body.id))
    return render_template("org/body_form.html", body=body, form=form)


@blueprint.route("/bodies/<int:body_id>/delete", methods=["POST"])
def delete_body(body_id: int):
    body = service.get_body(body_id, current_user, write=True)
    unit_code = body.unit.code
    _remove(lambda: service.delete_body(body, current_user), body.name)
    return redirect(url_for("org.unit", code=unit_code))


def _remove(action, name: str) -> None:
    """A confirmed removal: done, or refused by the service with its reason."""
    if ConfirmForm().validate_on_submit():
        try:
            action()
        except Conflict as refused:
            flash(refused.message, "danger")
        else:
            flash(_("%(name)s removed.", name=name), "success")


@blueprint.route("/bodies/<int:body_id>/members/new", methods=["GET", "POST"])
def new_member(body_id: int):
    body = service.get_body(body_id, current_user, write=True)
    form = MemberForm()
    if (data := load_into(form, MemberSchema())) is not None:
        member = service.create_member(body, data, current_user)
        flash(_("%(name)s added.", name=member.full_name), "success")
        return redirect(url_for("org.body", body_id=body.id))
    return render_template("org/member_form.html", body=body, form=form, member=None)


@blueprint.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
def edit_member(member_id: int):
    member = service.get_member(member_id, current_user, write=True)
    form = MemberForm(obj=member)
    if (data := load_into(form, MemberSchema())) is not None:
        service.update_member(member, data, current_user, form_version(form))
        flash(_("Changes saved."), "success")
        return redirect(url_for("org.body", body_id=member.body_id))
    return render_template("org/member_form.html", body=member.body, form=form, member=member)


@blueprint.route("/members/<int:member_id>/delete", methods=["POST"])
def delete_member(member_id: int):
    member = service.get_member(member_id, current_user, write=True)
    body_id = member.body_id
    _remove(lambda: service.delete_member(member, current_user), member.full_name)
    return redirect(url_for("org.body", body_id=body_id))


@blueprint.route("/bodies/<int:body_id>/import", methods=["GET", "POST"])
def import_members(body_id: int):
    body = service.get_body(body_id, current_user, write=True)
    form, errors, problem = ImportForm(), [], None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_member_rows(upload.read(), upload.filename or "")
            created, errors = service.import_members(body, rows, current_user)
        except Invalid as error:
            problem = error.message
        else:
            if not errors:
                flash(_("Imported %(n)s members.", n=created), "success")
                return redirect(url_for("org.body", body_id=body.id))
    return render_template(
        "org/import.html",
        body=body,
        form=form,
        errors=errors,
        problem=problem,
        columns=MEMBER_COLUMNS,
    )


@blueprint.route("/bodies/<int:body_id>/export.xlsx")
def export(body_id: int):
    body = service.get_body(body_id, current_user)
    filename = f"thanh-vien-{body.unit.code}-{body.id}.xlsx"
    return attachment(export_members(body.members, body.name), filename, XLSX)
