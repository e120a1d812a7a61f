"""The session day on the web: the state screens follow, their live parts, the member's own
page (ballot, asking to speak), the speakers' list, and the printable voting cards.

Screens keep `events` open (server-sent events, voting.live_stream: told when the
session's version moves) and, on a change, fetch the parts marked `data-live-src`
(static/js/live.js). Where a stream cannot be had (no EventSource, a proxy in the way, this
process's stream slots full) they poll `state?since=<version>` instead: one small query
when nothing changed (voting.live).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user, login_required

from governance.core import access
from governance.core.errors import DEFAULT_MESSAGES, DomainError
from governance.extensions import db
from governance.meetings import service as meetings
from governance.org import people
from governance.voting import console, live, live_stream, polls, speakers
from governance.voting.cards import qr_svg

blueprint = Blueprint("live", __name__, url_prefix="/sessions")

RECEIPT_COOKIE = "vote_receipt"
PARTS = {"item", "attendance", "speakers", "projector", "mine", "tally"}
BUSY_RETRY_AFTER = 60  # seconds: a refused stream; the page polls meanwhile


@blueprint.context_processor
def _labels() -> dict:
    from governance.voting.views import LABELS  # the console's labels, one list

    return {"label": lambda code: LABELS.get(code, code)}


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every page here needs an account; services check role and unit."""


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@blueprint.get("/<int:meeting_id>/state")
def state(meeting_id: int):
    """The session as data; `{"changed": false}` alone when `since` is still current
    (then one SQL statement answers: the unit for the access check and the version)."""
    since = request.args.get("since", "")
    found = live.probe(meeting_id)
    if found is not None and since and since == found[1]:
        access.require(access.can_read(current_user, found[0]))
        answer = jsonify({"version": since, "changed": False})
    else:
        meeting = meetings.get_meeting(meeting_id, current_user)
        answer = jsonify(live.state(meeting, current_user))
    answer.headers["Cache-Control"] = "no-store"
    return answer


@blueprint.get("/<int:meeting_id>/events")
def events(meeting_id: int):
    """Server-sent events: `state` whenever the session's version moves (voting.live_stream).
    The account and its access are checked here, at each (re)connection."""
    found = live.probe(meeting_id)
    if found is None:
        meetings.get_meeting(meeting_id, current_user)  # answers 404
    access.require(access.can_read(current_user, found[0]))
    streams = live_stream.streams_of(current_app)
    streams.remember(meeting_id, found[1])
    db.session.close()  # no connection held while the stream waits
    since = request.headers.get("Last-Event-ID") or request.args.get("since", "")
    body = live_stream.events(
        streams, meeting_id, since, found[1], live_stream.Timing.of(current_app)
    )
    # A stream holds its worker thread: never on a server of one thread per worker.
    threaded = request.environ.get("wsgi.multithread", False)
    release = streams.take_slot(current_app.config["LIVE_STREAMS_PER_PROCESS"] if threaded else 0)
    if release is None:
        busy = make_response(str(DEFAULT_MESSAGES[503]), 503)
        busy.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        busy.headers["Cache-Control"] = "no-store"
        return busy
    stream = Response(stream_with_context(body), mimetype="text/event-stream")
    stream.call_on_close(release)  # also when the screen went away mid-stream
    stream.headers["Cache-Control"] = "no-store"
    stream.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return stream


@blueprint.post("/<int:meeting_id>/current")
def current(meeting_id: int):
    """The chair shows an item: the projector and members' pages follow."""
    item = _item(meeting_id, request.form.get("item_id", type=int) or 0)
    try:
        live.set_current_item(item, current_user)
    except DomainError as failure:
        return _refused(failure)
    return redirect(url_for("voting.console", meeting_id=meeting_id, item=item.id))


@blueprint.get("/<int:meeting_id>/parts/<name>")
def part(meeting_id: int, name: str):
    if name not in PARTS:
        return _refused(DomainError("?"), 404)
    meeting = meetings.get_meeting(meeting_id, current_user)
    return render_template(f"voting/_live_{name}.html", **context(meeting, name))


def context(meeting, name: str = "") -> dict:
    """What the console, the projector and the member's page render, live or not."""
    from governance.voting.views import console_context

    item_id = request.args.get("item", type=int)
    if name in ("item", "attendance", "tally"):
        return console_context(meeting, item_id)
    item = console.current_item(meeting, item_id) if item_id else live.current_item(meeting)
    data = live.state(meeting, current_user)
    member = people.member_in(current_user, meeting)
    return {
        "meeting": meeting,
        "item": item,
        "live": data,
        "member": member,
        "speakers": speakers.listing(item) if item else [],
        "can": console.permissions(meeting, current_user),
        "may_add": item is not None and speakers.may_add_others(current_user, item),
        "roll": console.roll(meeting),
        "choice": _my_choice(data, member),
        "papers": [(i, a) for i in meeting.items for a in i.attachments],
    }


def _my_choice(data: dict, member) -> str | None:
    if not data["poll"] or member is None:
        return None
    poll = polls.get_poll(data["poll"]["id"], current_user)
    return polls.my_choice(poll, member, request.cookies.get(RECEIPT_COOKIE))


# A member, signed in --------------------------------------------------------------------


@blueprint.get("/<int:meeting_id>/me")
def mine(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    values = context(meeting, "mine")
    return render_template("voting/mine.html", version=live.version(meeting.id), **values)


@blueprint.post("/<int:meeting_id>/me/ballot")
def my_ballot(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    error, receipt = "", request.cookies.get(RECEIPT_COOKIE)
    poll_id = request.form.get("poll_id", type=int) or 0
    try:
        poll = polls.get_poll(poll_id, current_user)
        answer = polls.ballot(poll, current_user, request.form.get("choice", ""), receipt)
    except DomainError as failure:
        error, answer = failure.message, {}
    response = _back_to_mine(meeting, error)
    if answer.get("receipt"):
        set_receipt(response, answer["receipt"], url_for("live.mine", meeting_id=meeting.id))
    return response


def set_receipt(response, receipt: str, path: str) -> None:
    """The secret ballot's receipt stays on the voter's device: signed, the choice only as
    an HMAC tag (voting.devices), HttpOnly, Secure behind HTTPS."""
    response.set_cookie(
        RECEIPT_COOKIE,
        receipt,
        path=path,
        httponly=True,
        samesite="Strict",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


@blueprint.post("/<int:meeting_id>/me/speak")
def my_speak(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id, current_user)
    item = _item(meeting_id, request.form.get("item_id", type=int) or 0)
    member = people.member_in(current_user, meeting)
    error = ""
    try:
        if member is None:
            raise DomainError(_not_member())
        speakers.ask(item, member.id, current_user)
    except DomainError as failure:
        error = failure.message
    return _back_to_mine(meeting, error)


def _not_member() -> str:
    from flask_babel import gettext as _

    return _("Your account is not linked to a member of this body. Ask the clerk.")


def _back_to_mine(meeting, error: str):
    if _htmx():
        values = context(meeting, "mine") | {"error": error}
        return make_response(render_template("voting/_live_mine.html", **values))
    if error:
        from flask import flash

        flash(error, "danger")
    return redirect(url_for("live.mine", meeting_id=meeting.id), code=303)


# The speakers' list, from the console ---------------------------------------------------


@blueprint.post("/<int:meeting_id>/items/<int:item_id>/speakers")
def add_speaker(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    return _speakers_change(
        item, lambda: speakers.ask(item, request.form.get("member_id", type=int) or 0, current_user)
    )


@blueprint.post("/speakers/<int:speaker_id>/<any(start, stop, up, down, withdraw):action>")
def speaker_action(speaker_id: int, action: str):
    row = speakers.get_speaker(speaker_id, current_user)
    item = meetings.get_item(row.agenda_item_id, current_user)
    actions = {
        "start": lambda: speakers.start(row, current_user),
        "stop": lambda: speakers.stop(row, current_user),
        "up": lambda: speakers.move(row, -1, current_user),
        "down": lambda: speakers.move(row, 1, current_user),
        "withdraw": lambda: speakers.withdraw(row, current_user),
    }
    return _speakers_change(item, actions[action])


def _speakers_change(item, action):
    error = ""
    try:
        action()
    except DomainError as failure:
        error = failure.message + "".join(f" {v}" for v in failure.fields.values())
    meeting = meetings.get_meeting(item.meeting_id, current_user)
    if _htmx():
        values = context(meeting, "speakers") | {"item": item, "error": error}
        values["speakers"] = speakers.listing(item)
        return render_template("voting/_live_speakers.html", **values)
    if error:
        from flask import flash

        flash(error, "danger")
    return redirect(url_for("voting.console", meeting_id=meeting.id, item=item.id))


# Personal voting cards ------------------------------------------------------------------


@blueprint.get("/<int:meeting_id>/cards")
def cards(meeting_id: int):
    """One card per member without an account: their name, the link and its QR code."""
    from governance.voting import devices

    meeting = meetings.get_meeting(meeting_id, current_user, "roll")
    rows = []
    for member in meeting.body.members:
        if people.account_of(member) is not None:
            continue
        link = url_for(
            "voting.member_vote",
            token=devices.member_token(meeting.id, member.id),
            _external=True,
        )
        rows.append((member, link, qr_svg(link)))
    return render_template("voting/cards.html", meeting=meeting, rows=rows)


def _item(meeting_id: int, item_id: int):
    item = meetings.get_item(item_id, current_user)
    if item.meeting_id != meeting_id:
        meetings.get_item(-1, current_user)  # answers 404
    return item


def _refused(failure: DomainError, status: int | None = None):
    return make_response(failure.message, status or failure.status)
