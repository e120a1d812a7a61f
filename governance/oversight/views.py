"""Oversight pages: the dashboard (national and per province), a commune's checklist and
findings, the .xlsx export, the inspection record. Thin: parse, call, render."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core import access
from governance.core.downloads import XLSX, attachment
from governance.core.errors import Conflict, Invalid
from governance.core.forms import put_errors
from governance.core.models import Role
from governance.core.nav import add_nav
from governance.core.schemas import local_zone
from governance.oversight import dashboard, national, service
from governance.oversight.cells import cell, cells
from governance.oversight.checklist import STATE_LABELS, checklist, item_labels
from governance.oversight.export import board_xlsx
from governance.oversight.forms import AnswerForm, FindingForm
from governance.oversight.record import inspection_record

blueprint = Blueprint("oversight", __name__, url_prefix="/oversight")
add_nav(60, _l("Oversight"), "oversight.index", {Role.ADMIN, Role.INSPECTOR})
add_nav(61, _l("Inspection"), "oversight.mine", {Role.CLERK, Role.CHAIR})


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every oversight page needs a signed-in user; services check role and unit."""


@blueprint.context_processor
def _labels() -> dict:
    from governance.meetings.models import STATUS_LABELS

    return {
        "state_labels": STATE_LABELS,
        "item_labels": item_labels(),
        "meeting_statuses": STATUS_LABELS,
        "cell": cell,
        "cells": cells,
    }


def _query() -> dict:
    args = request.args
    return {
        "only": args.get("only", "") if args.get("only") in dashboard.FILTERS else "",
        "search": args.get("q", "")[:100],
        "sort": args.get("sort", "name"),
        "desc": args.get("dir") == "desc",
    }


@blueprint.route("/")
def index():
    province = service.home_province(current_user)
    if province is not None:
        return redirect(url_for("oversight.province", code=province.code, **request.args))
    query = _query()
    provinces = dashboard.provinces()
    found = national.page(provinces, **query)
    return render_template(
        "oversight/dashboard.html",
        board=found.board,
        province=None,
        provinces=provinces,
        summary=found.summary,
        province_bars=[
            (line["province"].name, line["first_meetings_complete"], line["units"])
            for line in found.summary
            if line["units"]
        ],
        province_names={p.id: p.name for p in provinces},
        query=query,
    )


@blueprint.route("/provinces/<code>")
def province(code: str):
    unit = service.get_province(code, current_user)
    query = _query()
    return render_template(
        "oversight/dashboard.html",
        board=dashboard.board(unit, **query),
        province=unit,
        provinces=dashboard.provinces() if current_user.role == Role.ADMIN else [],
        summary=None,
        query=query,
    )


@blueprint.route("/export.xlsx")
def export():
    code = request.args.get("province", "")
    unit = service.get_province(code, current_user) if code else service.home_province(current_user)
    board = dashboard.board(unit, **_query())
    title = unit.name if unit else _("Whole country")
    return attachment(
        board_xlsx(board, title), f"giam-sat-{unit.code if unit else 'ca-nuoc'}.xlsx", XLSX
    )


@blueprint.route("/mine")
def mine():
    access.require(current_user.unit is not None)
    return redirect(url_for("oversight.unit", code=current_user.unit.code))


@blueprint.route("/units/<code>")
def unit(code: str):
    commune = service.get_commune(code, current_user)
    return _unit_page(commune, FindingForm(formdata=None), AnswerForm(formdata=None))


def _unit_page(commune, finding_form, answer_form, status: int = 200):
    values = dashboard.progress([commune.id])[commune.id]
    from governance.meetings.service import list_meetings

    meetings = [m for m in list_meetings(current_user) if m.body.unit_id == commune.id]
    return (
        render_template(
            "oversight/unit.html",
            unit=commune,
            items=checklist(commune),
            values=values,
            columns=dashboard.columns(),
            meetings=meetings[-15:],
            findings=service.findings(commune),
            finding_form=finding_form,
            answer_form=answer_form,
            can_record=access.can_record_findings(current_user, commune),
            can_answer=access.can_answer_findings(current_user, commune),
            can_oversee=commune.parent is not None
            and access.can_oversee(current_user, commune.parent),
        ),
        status,
    )


@blueprint.route("/units/<code>/findings", methods=["POST"])
def add_finding(code: str):
    commune = service.get_commune(code, current_user)
    access.require(access.can_record_findings(current_user, commune))
    form = FindingForm()
    if form.validate_on_submit():
        try:
            service.record_finding(commune, form.data, current_user)
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Finding recorded; the commune is notified."), "success")
            return redirect(url_for("oversight.unit", code=code))
    return _unit_page(commune, form, AnswerForm(formdata=None), 422)


@blueprint.route("/findings/<int:finding_id>/answer", methods=["POST"])
def answer(finding_id: int):
    finding = service.get_finding(finding_id, current_user)
    access.require(access.can_answer_findings(current_user, finding.unit))
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            service.answer_finding(finding, form.answer.data, current_user)
        except (Invalid, Conflict) as error:
            flash(error.message or _("The answer was not saved."), "danger")
        else:
            flash(_("Answer recorded."), "success")
            return redirect(
                url_for("oversight.unit", code=finding.unit.code) + f"#finding-{finding.id}"
            )
    form.finding_id = finding.id
    return _unit_page(finding.unit, FindingForm(formdata=None), form, 422)


@blueprint.route("/units/<code>/record.docx")
def record(code: str):
    commune = service.get_commune(code, current_user)
    today = datetime.now(local_zone()).date()
    data = inspection_record(commune, checklist(commune), service.findings(commune), today)
    return attachment(data, f"bien-ban-kiem-tra-{commune.code}-{today:%Y%m%d}.docx")
