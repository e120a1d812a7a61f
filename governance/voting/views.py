"""The chair's console, the projector, paper fallbacks and the members' voting page.

Thin: parse the form, call the same services as the API, render. htmx swaps the parts
(requests carrying HX-Request get the fragment); without JavaScript every form posts and
the page reloads.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core.downloads import attachment
from governance.core.errors import DomainError
from governance.core.nav import add_nav
from governance.extensions import csrf, db
from governance.meetings import service as meetings
from governance.voting import console, devices, elections, forms, live, service
from governance.voting import paper as paper_files
from governance.voting.live_views import blueprint as live_blueprint
from governance.voting.live_views import set_receipt

blueprint = Blueprint("voting", __name__, url_prefix="/sessions")
blueprints = [live_blueprint]

add_nav(30, _l("Sessions"), "voting.index")

PUBLIC = {"voting.member_vote"}  # a member's personal link needs no account


LABELS = {
    "planned": _l("Planned"),
    "open": _l("In session"),
    "closed": _l("Closed"),
    "vote": _l("Vote"),
    "election": _l("Election"),
    "show_of_hands": _l("Show of hands"),
    "secret_ballot": _l("Secret ballot"),
    "roll_call": _l("Roll call"),
    "yes": _l("Yes"),
    "no": _l("No"),
    "abstain": _l("Abstain"),
    "present": _l("Present"),
    "absent_excused": _l("Excused"),
    "absent": _l("Absent"),
}


@blueprint.context_processor
def _labels() -> dict:
    return {"label": lambda code: LABELS.get(code, code)}


@blueprint.before_request
def _signed_in():
    if request.endpoint not in PUBLIC:
        return login_required(lambda: None)()
    return None


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def console_context(meeting, item_id: int | None = None, error: str = "") -> dict:
    """The item asked for, else the one the chair shows on every screen."""
    item = console.current_item(meeting, item_id) if item_id else live.current_item(meeting)
    return {
        "meeting": meeting,
        "item": item,
        "state": console.item_state(item) if item else None,
        "quorum": console.quorum_state(meeting),
        "roll": console.roll(meeting),
        "can": console.permissions(meeting, current_user),
        "error": error,
        "shown": live.current_item(meeting),
    }


def _console(meeting_id: int, item_id: int | None = None, error: str = ""):
    """The whole console, or (htmx) the item panel only."""
    meeting = meetings.get_meeting(meeting_id, current_user)
    context = console_context(meeting, item_id, error)
    if _htmx():
        return render_template("voting/_item.html", **context)
    from governance.voting import speakers

    item = context["item"]
    return render_template(
        "voting/console.html",
        version=live.version(meeting.id),
        speakers=speakers.listing(item) if item else [],
        may_add=item is not None and speakers.may_add_others(current_user, item),
        **context,
    )


def _act(meeting_id: int, item_id: int | None, action):
    """Run a change; htmx gets the refreshed panel (with the error), others a redirect."""
    error = ""
    try:
        action()
    except DomainError as failure:
        error = failure.message + "".join(f" {v}" for v in failure.fields.values())
        if not _htmx():
            flash(error, "danger")
    if _htmx():
        return _console(meeting_id, item_id, error)
    return redirect(url_for("voting.console", meeting_id=meeting_id, item=item_id))


@blueprint.route("/")
def index():
    unit = request.args.get("unit", "").strip()[:20] or None
    page = console.sessions(current_user, unit)
    return render_template("voting/index.html", page=page, meetings=page.items, unit=unit or "")


@blueprint.route("/<int:meeting_id>", endpoint="console")
def console_page(meeting_id: int):
    return _console(meeting_id, request.args.get("item", type=int))


@blueprint.post("/<int:meeting_id>/attendance")
def attendance(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    record = forms.attendance_record(request.form)
    try:
        meetings.set_attendance(meeting, [record], current_user)
    except DomainError as failure:
        flash(failure.message, "danger")
    if _htmx():
        meeting = meetings.get_meeting(meeting_id, current_user)
        return render_template(
            "voting/_attendance.html",
            meeting=meeting,
            quorum=console.quorum_state(meeting),
            roll=console.roll(meeting),
            can=console.permissions(meeting, current_user),
        )
    return redirect(url_for("voting.console", meeting_id=meeting_id))


@blueprint.post("/<int:meeting_id>/<any(open, close):action>")
def session_state(meeting_id: int, action: str):
    meeting = meetings.get_meeting(meeting_id, current_user)
    change = meetings.open_meeting if action == "open" else meetings.close_meeting
    try:
        change(meeting, current_user)
    except DomainError as failure:
        flash(failure.message, "danger")
    return redirect(url_for("voting.console", meeting_id=meeting_id))


@blueprint.post("/<int:meeting_id>/items/<int:item_id>/vote")
def vote(meeting_id: int, item_id: int):
    def record():
        data = forms.vote_data(request.form)
        item = _item(meeting_id, item_id)
        service.record_vote(item, data, current_user)
        live.show(item)  # the projector shows the result just recorded, with its item
        db.session.commit()

    return _act(meeting_id, item_id, record)


@blueprint.post("/<int:meeting_id>/items/<int:item_id>/reopen")
def reopen(meeting_id: int, item_id: int):
    reason = request.form.get("reason", "")
    return _act(
        meeting_id,
        item_id,
        lambda: service.reopen_vote(_item(meeting_id, item_id), reason, current_user),
    )


@blueprint.post("/<int:meeting_id>/items/<int:item_id>/poll/<any(named, secret, close):what>")
def poll(meeting_id: int, item_id: int, what: str):
    def change():
        item = _item(meeting_id, item_id)
        if what == "close":
            devices.close_poll(item, current_user)
        else:
            devices.open_poll(item, what == "secret", current_user)

    return _act(meeting_id, item_id, change)


@blueprint.get("/<int:meeting_id>/items/<int:item_id>/tally")
def tally(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    state = console.item_state(item)
    return render_template(
        "voting/_tally.html",
        state=state,
        meeting=item.meeting,
        item=item,
        quorum=console.quorum_state(item.meeting),
    )


@blueprint.post("/<int:meeting_id>/items/<int:item_id>/election")
def create_election(meeting_id: int, item_id: int):
    def create():
        data = forms.election_data(request.form)
        elections.create_election(_item(meeting_id, item_id), data, current_user)

    return _act(meeting_id, item_id, create)


@blueprint.post("/<int:meeting_id>/elections/<int:election_id>/<any(floor, round):what>")
def election_step(meeting_id: int, election_id: int, what: str):
    election = elections.get_election(election_id, current_user)
    item_id = election.agenda_item_id

    def step():
        if what == "floor":
            name, agree = forms.floor_data(request.form)
            answer = elections.add_floor_nominee(election, name, agree, current_user)
            if not answer["accepted"]:
                raise DomainError(forms.floor_refused(answer))
        else:
            elections.record_round(election, forms.round_data(request.form), current_user)

    return _act(meeting_id, item_id, step)


def _item(meeting_id: int, item_id: int):
    item = meetings.get_item(item_id, current_user)
    if item.meeting_id != meeting_id:
        meetings.get_item(-1, current_user)  # answers 404
    return item


# Around the console: links for devices, the projector, paper ------------------------------


@blueprint.get("/<int:meeting_id>/links")
def links(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    rows = devices.member_links(meeting, current_user)
    return render_template("voting/links.html", meeting=meeting, rows=rows)


@blueprint.get("/<int:meeting_id>/projector")
def projector(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    from governance.voting.live_views import context

    return render_template(
        "voting/projector.html", version=live.version(meeting.id), **context(meeting, "projector")
    )


@blueprint.get("/<int:meeting_id>/print/<any(attendance, ballots):what>")
def paper(meeting_id: int, what: str):
    meeting = meetings.get_meeting(meeting_id, current_user)
    return render_template(
        f"voting/print_{what}.html",
        meeting=meeting,
        roll=console.roll(meeting),
        items=[i for i in meeting.items if i.kind in console.DECIDED_KINDS],
        election_of=elections.election_of,
    )


@blueprint.get("/<int:meeting_id>/paper/<any(attendance, ballots):what>.docx")
def paper_docx(meeting_id: int, what: str):
    """The same papers as Word files, for offices that photocopy or edit them."""
    meeting = meetings.get_meeting(meeting_id, current_user)
    data = (paper_files.attendance_sheet if what == "attendance" else paper_files.ballots)(meeting)
    name = {"attendance": "danh-sach-diem-danh", "ballots": "phieu"}[what]
    return attachment(data, f"{name}-{meeting.id}.docx")


# A member's own device ---------------------------------------------------------------------


RECEIPT_COOKIE = "vote_receipt"


@blueprint.route("/vote/<token>", methods=["GET", "POST"])
@csrf.exempt  # the unguessable token in the path is the credential, not a cookie
def member_vote(token: str):
    """POST counts the vote and redirects (303) to GET, which only reads."""
    receipt, error = request.cookies.get(RECEIPT_COOKIE), ""
    if request.method == "POST":
        try:
            _poll_id, new_receipt = devices.cast(token, request.form.get("choice", ""), receipt)
        except DomainError as failure:
            error = failure.message
        else:
            response = redirect(request.path, code=303)
            if new_receipt:
                set_receipt(response, new_receipt, request.path)
            return response
    meeting, member = devices.read_token(token)
    poll = devices.open_poll_of(meeting)
    page = render_template(
        "voting/member.html",
        meeting=meeting,
        member=member,
        poll=poll,
        item=poll.item if poll else None,
        choice=devices.my_choice(poll, member, receipt),
        error=error,
    )
    return make_response(page, 422 if error else 200)
