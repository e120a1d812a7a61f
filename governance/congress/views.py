"""Congress pages: plan, cells and allocation, delegates, credentials, sessions. Thin."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.congress import cells as cell_files
from governance.congress import charts, delegates, forms, papers, service
from governance.congress.models import (
    CATEGORY_LABELS,
    DELEGATE_STATUS_LABELS,
    FORM_LABELS,
    STATUS_LABELS,
)
from governance.congress.schemas import (
    AllocationRequestSchema,
    CongressSchema,
    DelegateSchema,
    holidays_to_store,
)
from governance.core.access import can_prepare_congress, can_record_exclusions
from governance.core.downloads import XLSX, attachment
from governance.core.errors import Conflict, Invalid
from governance.core.forms import ConfirmForm, load_into, put_errors
from governance.core.nav import add_nav
from governance.meetings.models import Meeting
from governance.rules import EXCLUSIONS
from governance.rules.apportion import ALLOCATION_BASIS_VI, format_ratio
from governance.rules.credentials import percent

blueprint = Blueprint("congress", __name__, url_prefix="/congress")

add_nav(60, _l("Congress"), "congress.index")


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every congress page needs a signed-in user; services check role and unit."""


@blueprint.app_context_processor
def _labels() -> dict:
    return {
        "congress_forms": FORM_LABELS,
        "congress_statuses": STATUS_LABELS,
        "delegate_categories": CATEGORY_LABELS,
        "delegate_statuses": DELEGATE_STATUS_LABELS,
        "allocation_methods": forms.METHOD_LABELS,
    }


def _page(template: str, congress, tab: str, **values):
    return render_template(
        template,
        congress=congress,
        tab=tab,
        can_prepare=can_prepare_congress(current_user, congress.unit),
        **values,
    )


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = forms.CongressForm()
    unit = current_user.unit
    extra = {
        "unit_code": unit.code if unit else "",
        "holidays": forms.holiday_list(form.holidays.data),
    }
    if (data := load_into(form, CongressSchema(), extra)) is not None:
        try:
            congress = service.create_congress(holidays_to_store(data), current_user)
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Congress created with its plan."), "success")
            return redirect(url_for("congress.show", congress_id=congress.id))
    number = max(1, request.args.get("page", 1, type=int) or 1)
    rows, total = service.page(service.list_congresses(current_user), min(number, 10_000), 50)
    return render_template(
        "congress/index.html",
        congresses=rows,
        total=total,
        form=form,
        can_create=unit is not None and can_prepare_congress(current_user, unit),
    )


@blueprint.route("/<int:congress_id>")
def show(congress_id: int):
    congress = service.get_congress(congress_id, current_user)
    return _page(
        "congress/show.html",
        congress,
        "plan",
        plan=service.plan(congress),
        warnings=service.warnings(congress),
    )


@blueprint.post("/<int:congress_id>/milestones/<int:milestone_id>/done")
def milestone_done(congress_id: int, milestone_id: int):
    congress = service.get_congress(congress_id, current_user, "prepare")
    if ConfirmForm().validate_on_submit():
        undo = request.form.get("undo") == "1"
        service.update_milestone(
            congress, milestone_id, {"done_on": None if undo else service.today()}, current_user
        )
    return redirect(url_for("congress.show", congress_id=congress.id))


# Cells and allocation ------------------------------------------------------------------


@blueprint.route("/<int:congress_id>/allocation", methods=["GET", "POST"])
def allocation(congress_id: int):
    congress = service.get_congress(congress_id, current_user)
    form = forms.AllocationForm(
        seats=congress.elected or None, method=congress.method, minimum=congress.minimum
    )
    problem = None
    if form.is_submitted():
        congress = service.get_congress(congress_id, current_user, "prepare")
    if (data := load_into(form, AllocationRequestSchema())) is not None:
        try:
            service.allocate(congress, data, current_user)
        except (Invalid, Conflict) as error:
            problem = error.message
            put_errors(form, error.fields)
        else:
            return redirect(url_for("congress.allocation", congress_id=congress.id))
    return _allocation_page(congress, form=form, problem=problem)


def _allocation_page(congress, **values):
    current = None
    if congress.cells and congress.elected:
        try:
            current = service.compute(congress)
        except Invalid as error:
            values.setdefault("problem", error.message)
    decision = forms.DecisionForm()
    if current is not None:
        decision.winners.choices = [(name, name) for name in current.tied]
    values.setdefault("form", forms.AllocationForm())
    return _page(
        "congress/allocation.html",
        congress,
        "allocation",
        current=current,
        comparison=service.comparison(congress) if current is not None else [],
        import_form=forms.ImportForm(),
        decision=decision,
        ratio=format_ratio,
        basis=ALLOCATION_BASIS_VI,
        **values,
    )


@blueprint.post("/<int:congress_id>/cells")
def import_cells(congress_id: int):
    congress = service.get_congress(congress_id, current_user, "prepare")
    form, errors, problem = forms.ImportForm(), [], None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows, errors = cell_files.read_cells(upload.read(), upload.filename or "")
            if not errors:
                service.replace_cells(congress, rows, current_user)
                flash(_("Imported %(n)s cells.", n=len(rows)), "success")
                return redirect(url_for("congress.allocation", congress_id=congress.id))
        except (Invalid, Conflict) as error:
            problem = error.message
    else:
        problem = _("Choose a .xlsx or .csv file.")
    return _allocation_page(congress, import_errors=errors, problem=problem), 422


@blueprint.post("/<int:congress_id>/allocation/decision")
def decide(congress_id: int):
    congress = service.get_congress(congress_id, current_user, "prepare")
    form = forms.DecisionForm()
    form.winners.choices = [(name, name) for name in congress.tied]
    if form.validate_on_submit():
        try:
            service.decide_tie(congress, form.winners.data, form.reason.data, current_user)
        except (Invalid, Conflict) as error:
            return _allocation_page(congress, problem=error.message), 422
        flash(_("The tie is decided; the reason is kept in the audit log."), "success")
        return redirect(url_for("congress.allocation", congress_id=congress.id))
    message = _("Choose the cells and give the reason.")
    return _allocation_page(congress, problem=message), 422


@blueprint.route("/<int:congress_id>/allocation.<any(docx, xlsx):kind>")
def export_allocation(congress_id: int, kind: str):
    congress = service.get_congress(congress_id, current_user)
    current = service.compute(congress)
    name = f"phan-bo-dai-bieu-{congress.unit.code}-{congress.id}.{kind}"
    if kind == "xlsx":
        return attachment(papers.allocation_xlsx(congress, current), name, XLSX)
    return attachment(papers.allocation_docx(congress, current, service.today()), name)


# Delegates and credentials ---------------------------------------------------------------


@blueprint.route("/<int:congress_id>/delegates", methods=["GET", "POST"])
def delegate_list(congress_id: int):
    congress = service.get_congress(congress_id, current_user)
    form = _delegate_form(congress)
    if form.is_submitted():
        congress = service.get_congress(congress_id, current_user, "prepare")
    if (data := load_into(form, DelegateSchema())) is not None:
        data["cell"] = data.get("cell") or None
        try:
            added = delegates.add_delegate(congress, data, current_user)
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("%(name)s added.", name=added.full_name), "success")
            return redirect(url_for("congress.delegate_list", congress_id=congress.id))
    return _page(
        "congress/delegates.html",
        congress,
        "delegates",
        form=form,
        status_form=forms.DelegateStatusForm(),
        import_form=forms.ImportForm(),
    )


def _delegate_form(congress) -> forms.DelegateForm:
    form = forms.DelegateForm()
    form.cell.choices = [("", "—")] + [(c.name, c.name) for c in congress.cells]
    people = delegates.person_choices(congress)
    form.person_id.choices = [("", _("— not in the registry —")), *people]
    return form


@blueprint.post("/<int:congress_id>/delegates/executive")
def add_executive(congress_id: int):
    """The outgoing Executive Committee's members as ex officio delegates, in one action."""
    congress = service.get_congress(congress_id, current_user, "prepare")
    if ConfirmForm().validate_on_submit():
        try:
            added = delegates.add_executive_committee(congress, current_user)
        except Conflict as refused:
            flash(refused.message, "danger")
        else:
            _flash_added(added)
    return redirect(url_for("congress.delegate_list", congress_id=congress.id))


def _flash_added(added: int) -> None:
    if added:
        flash(
            _("%(n)s members of the Executive Committee added as ex officio delegates.", n=added),
            "success",
        )
    else:
        flash(_("Every member of the Executive Committee is already a delegate."), "info")


@blueprint.post("/<int:congress_id>/delegates/link")
def link_person(congress_id: int):
    """A typed or imported delegate is this person of the registry."""
    congress = service.get_congress(congress_id, current_user, "prepare")
    delegate_id = request.form.get("delegate_id", type=int)
    person_id = request.form.get("person_id", type=int)
    chosen = next((d for d in congress.delegates if d.id == delegate_id), None)
    if not ConfirmForm().validate_on_submit() or chosen is None or person_id is None:
        flash(_("Choose the delegate and the person."), "danger")
    else:
        try:
            delegates.link_person(chosen, person_id, current_user)
        except (Invalid, Conflict) as refused:
            flash(" ".join([refused.message, *refused.fields.values()]).strip(), "danger")
        else:
            flash(_("%(name)s is linked to the registry.", name=chosen.full_name), "success")
    return redirect(url_for("congress.delegate_list", congress_id=congress.id))


@blueprint.post("/<int:congress_id>/delegates/import")
def import_delegates(congress_id: int):
    congress = service.get_congress(congress_id, current_user, "prepare")
    form = forms.ImportForm()
    errors, problem = [], _("Choose a .xlsx or .csv file.")
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = cell_files.read_delegates(upload.read(), upload.filename or "")
            created, errors = delegates.import_delegates(congress, rows, current_user)
        except Invalid as error:
            problem = error.message
        else:
            if not errors:
                flash(_("Imported %(n)s delegates.", n=created), "success")
                return redirect(url_for("congress.delegate_list", congress_id=congress.id))
            problem = None
    values = {
        "form": _delegate_form(congress),
        "status_form": forms.DelegateStatusForm(),
        "import_form": forms.ImportForm(),
    }
    values |= {"import_errors": errors, "problem": problem}
    return _page("congress/delegates.html", congress, "delegates", **values), 422


@blueprint.post("/<int:congress_id>/delegates/<int:delegate_id>/status")
def delegate_status(congress_id: int, delegate_id: int):
    delegate = delegates.get_delegate(delegate_id, current_user, "prepare")
    form = forms.DelegateStatusForm()
    if delegate.congress_id == congress_id and form.validate_on_submit():
        try:
            seated = delegates.set_status(
                delegate, form.status.data, form.reason.data, current_user
            )
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            if seated:
                flash(_("%(name)s takes the seat.", name=seated.full_name), "success")
            else:
                flash(_("No alternate is left in this cell: the seat stays empty."), "warning")
    else:
        flash(_("Give the reason (decision, date)."), "danger")
    return redirect(url_for("congress.delegate_list", congress_id=congress_id))


@blueprint.route("/<int:congress_id>/credentials")
def credentials(congress_id: int):
    congress = service.get_congress(congress_id, current_user)
    figures = delegates.credentials(congress)
    return _page(
        "congress/credentials.html",
        congress,
        "credentials",
        figures=figures,
        charts=charts.credentials_charts(figures),
        percent=percent,
    )


@blueprint.route("/<int:congress_id>/credentials.docx")
def credentials_report(congress_id: int):
    congress = service.get_congress(congress_id, current_user)
    data = papers.credentials_docx(congress, delegates.credentials(congress), service.today())
    return attachment(data, f"bao-cao-tham-tra-tu-cach-{congress.unit.code}-{congress.id}.docx")


# Sessions ------------------------------------------------------------------------------


@blueprint.route("/<int:congress_id>/sessions")
def sessions(congress_id: int):
    from governance.voting.elections import base_working

    congress = service.get_congress(congress_id, current_user)
    rows = []
    for meeting in delegates.sessions_of(congress):
        try:
            working = base_working(meeting)
        except Invalid:
            working = None
        rows.append((meeting, working, _exclusion_form(meeting)))
    return _page(
        "congress/sessions.html",
        congress,
        "sessions",
        sessions=rows,
        can_exclude=can_record_exclusions(current_user, congress.unit),
    )


@blueprint.post("/<int:congress_id>/convene")
def convene(congress_id: int):
    congress = service.get_congress(congress_id, current_user, "prepare")
    if ConfirmForm().validate_on_submit():
        try:
            delegates.convene(congress, current_user)
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            flash(_("The delegates are convened; the sessions are ready."), "success")
    return redirect(url_for("congress.sessions", congress_id=congress.id))


@blueprint.post("/<int:congress_id>/sessions/<int:meeting_id>/exclusions")
def exclusions(congress_id: int, meeting_id: int):
    from governance.meetings.service import get_meeting

    congress = service.get_congress(congress_id, current_user)
    meeting: Meeting = get_meeting(meeting_id, current_user)
    if meeting.body_id != congress.body_id:
        raise Invalid(_("This session is not one of this congress."))
    form = _exclusion_form(meeting)
    if form.validate_on_submit():
        try:
            delegates.add_exclusion(meeting, form.member_id.data, form.category.data, current_user)
        except (Invalid, Conflict) as error:
            flash(error.message or "; ".join(error.fields.values()), "danger")
        else:
            flash(_("Exclusion recorded; the base is updated."), "success")
    return redirect(url_for("congress.sessions", congress_id=congress.id))


def _exclusion_form(meeting: Meeting) -> forms.ExclusionForm:
    """The members of the session, and only the categories of its form of congress."""
    from governance.voting.elections import base_form

    form = forms.ExclusionForm(prefix=f"m{meeting.id}")
    form.member_id.choices = [(m.id, m.full_name) for m in meeting.body.members]
    kind = base_form(meeting)
    form.category.choices = [(k, e.label_vi) for k, e in EXCLUSIONS.items() if e.form == kind]
    return form
