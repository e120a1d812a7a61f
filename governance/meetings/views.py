"""Meeting pages: plan, agenda builder, papers, attendance, calendar. Thin: parse, call, render."""

from __future__ import annotations

from datetime import date, datetime

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core import access
from governance.core.downloads import attachment
from governance.core.errors import Conflict, DomainError, Invalid
from governance.core.forms import ConfirmForm, form_version, load_into, put_errors
from governance.core.nav import add_home_panel, add_nav
from governance.core.pagination import web_page
from governance.core.schemas import local_zone
from governance.meetings import calendar, papers, planning, printing, service
from governance.meetings.forms import (
    ITEM_KIND_LABELS,
    MAJORITY_LABELS,
    MEETING_KIND_LABELS,
    PAPER_KIND_LABELS,
    STATUS_LABELS,
    AgendaItemForm,
    AttachmentForm,
    MeetingForm,
)
from governance.meetings.schemas import AgendaItemSchema, MeetingSchema, MeetingUpdateSchema
from governance.meetings.standard import templates_for
from governance.meetings.upcoming import sessions
from governance.org import service as org_service

blueprint = Blueprint("meetings", __name__, url_prefix="/meetings")
feed = Blueprint("meetings_feed", __name__)  # no sign-in: the token in the URL is the key
blueprints = [feed]
add_nav(20, _l("Meetings"), "meetings.index")


def _home_panel(user) -> dict:
    """The next sessions in the user's scope (LIMITed), with what is late or due to send:
    for those who prepare or run them (a member's home has its own block)."""
    if user.role in ("member",):
        return {}
    coming = sessions(user)
    return {
        "meetings": [(m, service.dispatch_status(m)) for m in coming],
        "badges": user.role in ("admin", "clerk", "chair", "secretary"),
        "console": user.role in ("admin", "chair", "secretary"),
    }


add_home_panel(10, "meetings/_home_panel.html", _home_panel)


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every meeting page needs a signed-in user; services check role and unit."""


@blueprint.context_processor
def _labels() -> dict:
    return {
        "meeting_kinds": MEETING_KIND_LABELS,
        "item_kinds": ITEM_KIND_LABELS,
        "majorities": MAJORITY_LABELS,
        "statuses": STATUS_LABELS,
        "confirm_form": ConfirmForm(),
    }


@blueprint.route("/")
def index():
    period = request.args.get("period", "upcoming")
    period = period if period in service.PERIODS else "upcoming"
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else None
    unit = request.args.get("unit", "").strip()[:20] or None
    page = web_page(service.period_query(current_user, period, unit, status))
    return render_template(
        "meetings/index.html",
        page=page,
        period=period,
        status=status or "",
        unit=unit or "",
        bodies=_own_bodies(),
        can_pick=access.can_manage_units(current_user),
    )


def _own_bodies() -> list:
    """A clerk plans for the bodies of their own unit: a handful of buttons."""
    own = current_user.unit
    if own is None or not access.can_prepare_meetings(current_user, own):
        return []
    return list(own.bodies)


@blueprint.route("/plan")
def plan():
    """Planning starts from a unit picker: search the unit, then choose its body."""
    code = request.args.get("unit", "")
    if code:
        unit = org_service.get_unit(code, current_user)
        access.require(access.can_prepare_meetings(current_user, unit))
        return render_template("meetings/plan.html", unit=unit, page=None)
    search, province = request.args.get("q", ""), request.args.get("province", "")
    page = web_page(org_service.unit_query(current_user, province, search), size=30)
    return render_template(
        "meetings/plan.html",
        unit=None,
        page=page,
        search=search,
        province=province,
        provinces=org_service.provinces(current_user),
    )


@blueprint.route("/new/<int:body_id>", methods=["GET", "POST"])
def new(body_id: int):
    body = org_service.get_body(body_id, current_user)
    access.require(access.can_prepare_meetings(current_user, body.unit))
    form = MeetingForm()
    templates = templates_for(body.kind)
    form.template.choices = [("", _("Blank agenda"))] + [(t.key, t.title) for t in templates]
    if request.method == "GET":
        planning.preselect(form, body, templates, planning.first_session_of(body))
    second = False
    extra = {"body_id": body.id, "confirm_second_first": bool(request.form.get("confirm_second"))}
    if (data := load_into(form, MeetingSchema(), extra)) is not None:
        try:
            meeting = service.create_meeting(data, current_user)
        except (Invalid, Conflict) as error:
            second = isinstance(error, Conflict) and "kind" in error.fields
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Meeting planned with %(n)s agenda items.", n=len(meeting.items)), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template(
        "meetings/form.html", form=form, body=body, meeting=None, ask_second=second
    )


@blueprint.route("/<int:meeting_id>")
def show(meeting_id: int):
    meeting = service.get_meeting(meeting_id, current_user)
    unit = meeting.body.unit
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        detail=service.detail(meeting),
        outcomes=_outcomes(meeting),
        can_write_documents=access.can_write_documents(current_user, unit),
        item_form=AgendaItemForm(formdata=None),
        upload_form=AttachmentForm(formdata=None),
        paper_kinds=PAPER_KIND_LABELS,
        can_prepare=access.can_prepare_meetings(current_user, unit),
        can_run=access.can_run_session(current_user, unit),
        can_roll=access.can_take_attendance(current_user, unit),
        on_record=_on_record(meeting),
        my_member=_my_member(meeting),
    )


def _on_record(meeting) -> set[int]:
    from governance.voting.console import items_on_record

    return items_on_record([i.id for i in meeting.items])


def _my_member(meeting):
    from governance.org.people import member_in

    return member_in(current_user, meeting)


def _outcomes(meeting) -> dict[int, bool]:
    """Item id -> adopted, for the items whose vote is on record."""
    from governance.voting.service import current_result

    return {
        item.id: result.adopted
        for item in meeting.items
        if (result := current_result(item)) is not None
    }


@blueprint.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    meeting = service.get_meeting(meeting_id, current_user, "prepare")
    form = MeetingForm(obj=_local_times(meeting))
    del form.template
    form.kind.choices = form.kind.choices[1:]  # an existing meeting has its kind
    if (data := load_into(form, MeetingUpdateSchema())) is not None:
        try:
            service.update_meeting(meeting, data, current_user, form_version(form))
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, body=meeting.body, meeting=meeting)


@blueprint.route("/<int:meeting_id>/cancel", methods=["POST"])
def cancel(meeting_id: int):
    meeting = service.get_meeting(meeting_id, current_user, "prepare")
    service.cancel_meeting(meeting, current_user)
    flash(_("The meeting was cancelled."), "success")
    return redirect(url_for("meetings.index"))


@blueprint.route("/<int:meeting_id>/<any(open, close):action>", methods=["POST"])
def change_status(meeting_id: int, action: str):
    meeting = service.get_meeting(meeting_id, current_user, "run")
    (service.open_meeting if action == "open" else service.close_meeting)(meeting, current_user)
    flash(_("The meeting is open.") if action == "open" else _("The meeting is closed."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@blueprint.route("/<int:meeting_id>/dispatched/<any(invitation, papers):what>", methods=["POST"])
def dispatched(meeting_id: int, what: str):
    meeting = service.get_meeting(meeting_id, current_user, "prepare")
    service.mark_dispatched(meeting, what, current_user)
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="dispatch"))


@blueprint.route("/<int:meeting_id>/<any(programme, invitation):paper>.docx")
def paper_docx(meeting_id: int, paper: str):
    """The programme or the invitation, from the agenda as it stands now."""
    meeting = service.get_meeting(meeting_id, current_user)
    data = (printing.programme_docx if paper == "programme" else printing.invitation_docx)(meeting)
    stem = {"programme": "chuong-trinh", "invitation": "giay-moi"}[paper]
    return attachment(data, f"{stem}-{meeting.id}.docx")


# Agenda -------------------------------------------------------------------------------


@blueprint.route("/<int:meeting_id>/items", methods=["POST"])
def add_item(meeting_id: int):
    meeting = service.get_meeting(meeting_id, current_user)
    form = AgendaItemForm()
    if (data := load_into(form, AgendaItemSchema())) is not None:
        service.add_item(meeting, data, current_user)
        flash(_("Item added."), "success")
    else:
        flash(_("The item was not added: %(errors)s", errors=_errors_text(form)), "danger")
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))


@blueprint.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int):
    item = service.get_item(item_id, current_user)
    form = AgendaItemForm(obj=item)
    if (data := load_into(form, AgendaItemSchema())) is not None:
        service.update_item(item, data, current_user, form_version(form))
        flash(_("Changes saved."), "success")
        return redirect(url_for("meetings.show", meeting_id=item.meeting_id, _anchor="agenda"))
    return render_template("meetings/item_form.html", form=form, item=item, meeting=item.meeting)


@blueprint.route("/items/<int:item_id>/delete", methods=["POST"])
def delete_item(item_id: int):
    item = service.get_item(item_id, current_user)
    meeting_id = item.meeting_id
    try:
        service.delete_item(item, current_user)
    except DomainError as refused:
        flash(refused.message, "danger")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="agenda"))


@blueprint.route("/items/<int:item_id>/move/<any(up, down):direction>", methods=["POST"])
def move_item(item_id: int, direction: str):
    item = service.get_item(item_id, current_user)
    service.move_item(item, -1 if direction == "up" else 1, current_user)
    return redirect(url_for("meetings.show", meeting_id=item.meeting_id, _anchor=f"item-{item.id}"))


@blueprint.route("/<int:meeting_id>/order", methods=["POST"])
def order(meeting_id: int):
    """Drag and drop posts the new order here (static/js/agenda.js)."""
    meeting = service.get_meeting(meeting_id, current_user)
    try:
        ids = [int(i) for i in request.form.getlist("item_ids")]
    except ValueError:
        abort(400)
    service.reorder(meeting, ids, current_user)
    return {"ok": True}


# Papers -------------------------------------------------------------------------------


@blueprint.route("/items/<int:item_id>/papers", methods=["POST"])
def attach(item_id: int):
    request.max_content_length = _attachment_limit()
    item = service.get_item(item_id, current_user)
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            meta = {
                name: getattr(form, name).data
                for name in ("paper_kind", "doc_number", "issued_on", "issuer")
            }
            paper = papers.attach(item, form.file.data, current_user, meta)
        except Invalid as error:
            flash(error.message, "danger")
        else:
            flash(_("%(name)s attached.", name=paper.filename), "success")
    else:
        flash(_("Choose a file to attach."), "warning")
    return redirect(url_for("meetings.show", meeting_id=item.meeting_id, _anchor=f"item-{item.id}"))


def _attachment_limit() -> int:
    from flask import current_app

    return current_app.config["ATTACHMENT_MAX_BYTES"] + 64 * 1024  # the form's own bytes


@blueprint.route("/papers/<int:attachment_id>")
def download_paper(attachment_id: int):
    paper, path = papers.get_attachment(attachment_id, current_user)
    return send_file(
        path, mimetype=paper.content_type, as_attachment=True, download_name=paper.filename
    )


@blueprint.route("/papers/<int:attachment_id>/delete", methods=["POST"])
def delete_paper(attachment_id: int):
    paper, _path = papers.get_attachment(attachment_id, current_user)
    meeting_id = paper.item.meeting_id
    papers.remove(paper, current_user)
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="agenda"))


# Attendance ---------------------------------------------------------------------------


@blueprint.route("/<int:meeting_id>/attendance", methods=["GET", "POST"])
def attendance(meeting_id: int):
    meeting = service.get_meeting(meeting_id, current_user, "roll")
    if request.method == "POST":
        records = [
            {
                "member_id": m.id,
                "status": status,
                "reason": request.form.get(f"reason-{m.id}", "")[:300],
            }
            for m in meeting.body.members
            if (status := request.form.get(f"status-{m.id}"))
        ]
        service.set_attendance(meeting, _valid_records(records), current_user)
        flash(_("Attendance saved."), "success")
        return redirect(url_for("meetings.attendance", meeting_id=meeting.id))
    marks = {a.member_id: a for a in meeting.attendance}
    return render_template(
        "meetings/attendance.html",
        meeting=meeting,
        marks=marks,
        quorum=service.quorum(meeting),
        can_run=access.can_run_session(current_user, meeting.body.unit),
    )


def _valid_records(records: list[dict]) -> list[dict]:
    from governance.meetings.schemas import AttendanceSchema

    return AttendanceSchema().load({"records": records})["records"]


# Calendar -----------------------------------------------------------------------------


@blueprint.route("/calendar")
def calendar_page():
    view = "week" if request.args.get("view") == "week" else "month"
    try:
        around = date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        around = datetime.now(local_zone()).date()
    span = calendar.period(view, around)
    unit = request.args.get("unit", "").strip()[:20] or None
    by_day, total = calendar.meetings_in(current_user, span, unit)
    return render_template(
        "meetings/calendar.html",
        view=view,
        around=around,
        span=span,
        by_day=by_day,
        total=total,
        shown_max=calendar.CALENDAR_MAX,
        unit=unit or "",
        today=datetime.now(local_zone()).date(),
        feed_url=url_for(
            "meetings_feed.ics", token=calendar.feed_token(current_user), _external=True
        ),
    )


@feed.route("/calendar/<token>.ics")
def ics(token: str):
    user = calendar.user_for_feed(token)
    if user is None:
        abort(404)
    return Response(
        calendar.ics(user, calendar.invited_meetings(user)),
        mimetype="text/calendar",
        headers={"Cache-Control": "private, max-age=300"},
    )


# Helpers ------------------------------------------------------------------------------


def _errors_text(form) -> str:
    return "; ".join(
        f"{form[name].label.text}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name in form
    )


def _local_times(meeting):
    """The form shows local wall-clock times."""
    zone = local_zone()
    return service.Annotated(
        meeting,
        starts_at=meeting.starts_at.astimezone(zone).replace(tzinfo=None),
        ends_at=meeting.ends_at.astimezone(zone).replace(tzinfo=None) if meeting.ends_at else None,
    )
