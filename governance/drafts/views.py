"""Draft pages: a unit's drafts, a draft (text, versions, comments), the editor, the
comparison, Word files, the commune checklist. Thin: parse, call the service, render."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core import access
from governance.core.downloads import attachment
from governance.core.errors import Conflict, Invalid
from governance.core.forms import ConfirmForm, put_errors
from governance.core.nav import add_home_panel, add_nav
from governance.core.schemas import local_zone
from governance.drafts import compare, progress, review, service, structure, word
from governance.drafts.api import file_name
from governance.drafts.forms import (
    CommentForm,
    DecisionForm,
    DraftForm,
    ImportForm,
    ReviewForm,
    SubmitForm,
    VersionForm,
)
from governance.drafts.models import Status
from governance.drafts.papers import STARTER_MARK, starters
from governance.org.picker import pick_units
from governance.org.service import get_unit

blueprint = Blueprint("drafts", __name__, url_prefix="/drafts")
add_nav(35, _l("Drafts"), "drafts.index")


def _home_panel(user) -> dict:
    """Drafts of the user's units still open for comments (none: no panel)."""
    drafts = service.open_for_comments(user)
    return {"drafts": drafts} if drafts else {}


add_home_panel(15, "drafts/_home_panel.html", _home_panel)

STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.REVIEW: _l("Open for comments"),
    Status.SUBMITTED: _l("Submitted to a meeting"),
    Status.ADOPTED: _l("Adopted"),
    Status.RETURNED: _l("Returned by the vote"),
}
COMMENT_LABELS = {"open": _l("Not handled"), "accepted": _l("Accepted"), "declined": _l("Declined")}


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every draft page needs a signed-in user; services check role and unit."""


@blueprint.context_processor
def _labels() -> dict:
    return {
        "draft_statuses": STATUS_LABELS,
        "comment_states": COMMENT_LABELS,
        "confirm_form": ConfirmForm(),
    }


@blueprint.route("/")
def index():
    picker = pick_units(current_user)
    if picker.page.total == 1 and not picker.filtered:
        return redirect(url_for("drafts.unit", code=picker.page.items[0].code))
    return render_template("drafts/index.html", picker=picker)


@blueprint.route("/units/<code>")
def unit(code: str):
    unit = get_unit(code, current_user)
    return render_template(
        "drafts/unit.html",
        unit=unit,
        drafts=service.list_unit_drafts(unit, current_user),
        can_keep=access.can_keep_drafts(current_user, unit),
    )


@blueprint.route("/units/<code>/new", methods=["GET", "POST"])
def new(code: str):
    unit = get_unit(code, current_user)
    access.require(access.can_keep_drafts(current_user, unit))
    form = DraftForm(starter=request.args.get("starter", ""))
    form.body_id.choices = [(b.id, b.name) for b in unit.bodies]
    form.starter.choices = [("", _("Blank: type or paste the text"))] + [
        (s.key, f"{s.label} ({STARTER_MARK})") for s in starters().values()
    ]
    if request.method == "GET" and (starter := starters().get(form.starter.data)):
        form.body_id.data = next((b.id for b in unit.bodies if b.kind == starter.body_kind), None)
    if form.validate_on_submit():
        body = service.get_body(form.body_id.data, current_user, "keep")
        data = {k: form[k].data for k in ("type_code", "title", "text", "starter")}
        try:
            draft = service.create_draft(body, data, current_user)
        except (Conflict, Invalid) as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Draft created (version 1)."), "success")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    return render_template("drafts/new.html", unit=unit, form=form, starters=starters())


@blueprint.route("/<int:draft_id>")
def show(draft_id: int):
    draft = service.get_draft(draft_id, current_user)
    article = request.args.get("article", "")
    return render_template("drafts/show.html", **_show_context(draft, article))


def _show_context(draft, article: str = "", **forms) -> dict:
    latest = draft.latest
    parts = structure.units(structure.parse(latest.text))
    comment_form = forms.get("comment_form") or CommentForm(version=latest.number)
    comment_form.article.choices = [("", _("The whole text"))] + [
        (u.key, u.heading) for u in parts if u.key
    ]
    target = next((u for u in parts if u.key == article and article.startswith("Điều")), None)
    if target is not None and "comment_form" not in forms:
        comment_form.article.data, comment_form.proposed.data = article, target.plain.strip()
    submit_form = forms.get("submit_form") or SubmitForm()
    items = service.submittable_items(draft) if draft.status != Status.SUBMITTED else []
    submit_form.agenda_item_id.choices = [(i.id, f"{i.meeting.title} – {i.title}") for i in items]
    until = datetime.now(local_zone()).replace(second=0, microsecond=0) + timedelta(days=7)
    status = draft.effective_status
    return {
        "draft": draft,
        "status": status,
        "units": parts,
        "open_for_comments": review.review_open(draft),
        "can_keep": access.can_keep_drafts(current_user, draft.unit),
        "can_comment": access.can_comment_drafts(current_user, draft.unit),
        "frozen": status == Status.ADOPTED,
        "pending": review.pending_changes(draft),
        "comment_form": comment_form,
        "review_form": forms.get("review_form") or ReviewForm(until=until.replace(tzinfo=None)),
        "submit_form": submit_form,
        "import_form": ImportForm(based_on=latest.number),
        "decision_form": DecisionForm(),
        "from_starter": latest.source == "starter",
        "proposals": {
            c.id: compare.proposal(draft.version_text(c.version).text, c.article, c.proposed)
            for c in draft.comments
            if c.proposed and draft.version_text(c.version)
        },
    }


@blueprint.route("/<int:draft_id>/edit", methods=["GET", "POST"])
def edit(draft_id: int):
    """The editor. A save on top of an older version shows the newer text beside the
    user's own, which stays in the box: nothing typed is lost."""
    draft = service.get_draft(draft_id, current_user, "keep")
    form = VersionForm(based_on=draft.latest.number, text=draft.latest.text)
    newer = None
    if form.validate_on_submit():
        based_on = int(form.based_on.data) if str(form.based_on.data).isdigit() else 0
        try:
            version = service.add_version(
                draft, form.text.data, based_on, current_user, form.note.data
            )
        except Conflict as error:
            newer = error.extra.get("latest")
            put_errors(form, error.fields, error.message)
            if newer:
                form.based_on.data = newer["version"]  # saving again merges on top of it
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Version %(n)s saved.", n=version.number), "success")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    return render_template("drafts/edit.html", draft=draft, form=form, newer=newer)


@blueprint.route("/<int:draft_id>/review", methods=["POST"])
def open_review(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    form = ReviewForm()
    if form.validate_on_submit():
        until = form.until.data.replace(tzinfo=local_zone())
        if _run(lambda: review.open_review(draft, until, current_user)):
            flash(_("Open for comments until %(t)s.", t=f"{until:%H:%M %d/%m/%Y}"), "success")
    else:
        flash(_("Give the deadline for comments."), "danger")
    return _back(draft)


@blueprint.route("/<int:draft_id>/comments", methods=["POST"])
def comment(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "comment")
    form = CommentForm()
    form.article.choices = [("", "")] + [
        (u.key, u.key) for u in structure.units(structure.parse(draft.latest.text)) if u.key
    ]
    if form.validate_on_submit():
        version = int(form.version.data) if str(form.version.data).isdigit() else 0
        data = {
            "version": version,
            "article": form.article.data,
            "text": form.text.data,
            "proposed": form.proposed.data or "",
        }
        try:
            review.add_comment(draft, data, current_user)
        except (Conflict, Invalid) as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Thank you: your comment is recorded."), "success")
            return _back(draft, "comments")
    context = _show_context(draft, comment_form=form)
    return render_template("drafts/show.html", **context), 422


@blueprint.route("/<int:draft_id>/comments/<int:comment_id>/decision", methods=["POST"])
def decide(draft_id: int, comment_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    form = DecisionForm()
    if form.validate_on_submit():
        comment = review.get_comment(draft, comment_id)
        if _run(
            lambda: review.handle_comment(
                comment, form.decision.data, form.reason.data, current_user
            )
        ):
            flash(_("Decision recorded."), "success")
    return _back(draft, "comments")


@blueprint.route("/<int:draft_id>/next-version", methods=["POST"])
def next_version(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    if ConfirmForm().validate_on_submit():
        version = _run(lambda: review.apply_accepted(draft, current_user))
        if version:
            flash(_("Version %(n)s made with the accepted changes.", n=version.number), "success")
    return _back(draft)


@blueprint.route("/<int:draft_id>/submit", methods=["POST"])
def submit(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    form = SubmitForm()
    form.agenda_item_id.choices = [(i.id, "") for i in service.submittable_items(draft)]
    if form.validate_on_submit():
        if _run(lambda: service.submit(draft, form.agenda_item_id.data, current_user)):
            flash(_("Submitted: the item's vote will adopt or return it."), "success")
    else:
        flash(_("Choose an agenda item to vote on."), "danger")
    return _back(draft)


@blueprint.route("/<int:draft_id>/withdraw", methods=["POST"])
def withdraw(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    if ConfirmForm().validate_on_submit() and _run(lambda: service.withdraw(draft, current_user)):
        flash(_("Withdrawn from the meeting."), "success")
    return _back(draft)


@blueprint.route("/<int:draft_id>/import", methods=["POST"])
def import_docx(draft_id: int):
    draft = service.get_draft(draft_id, current_user, "keep")
    form = ImportForm()
    if not form.validate_on_submit():
        flash(_("Choose a Word (.docx) file."), "danger")
        return _back(draft)
    based_on = int(form.based_on.data) if str(form.based_on.data).isdigit() else 0
    name = form.file.data.filename

    def save():
        text = word.read_docx(form.file.data.read(), draft)
        note = f"Nhập từ tệp Word {name}"[:300]
        return service.add_version(draft, text, based_on, current_user, note, "docx")

    if version := _run(save):
        flash(_("Version %(n)s read from %(f)s.", n=version.number, f=name), "success")
    return _back(draft)


@blueprint.route("/<int:draft_id>/compare")
def compare_versions(draft_id: int):
    draft = service.get_draft(draft_id, current_user)
    numbers = [v.number for v in draft.versions]
    right = request.args.get("b", type=int) or numbers[-1]
    left = request.args.get("a", type=int) or max(1, right - 1)
    old, new = draft.version_text(left), draft.version_text(right)
    rows = compare.compare(old.text, new.text) if old and new else []
    only = request.args.get("only") == "1"
    shown = [r for r in rows if r.state != "same"] if only else rows
    return render_template(
        "drafts/compare.html", draft=draft, rows=shown, a=old, b=new, numbers=numbers, only=only
    )


@blueprint.route("/<int:draft_id>/versions/<int:number>.docx")
def version_docx(draft_id: int, number: int):
    draft = service.get_draft(draft_id, current_user)
    version = draft.version_text(number)
    if version is None:
        return _back(draft)
    return attachment(word.export_docx(draft, version), file_name(draft, number))


@blueprint.route("/<int:draft_id>/comments.docx")
def comments_docx(draft_id: int):
    from governance.documents.service import local_today

    draft = service.get_draft(draft_id, current_user)
    return attachment(word.comments_docx(draft, local_today()), f"tiep-thu-y-kien-{draft.id}.docx")


@blueprint.route("/checklist")
def checklist():
    picker = pick_units(current_user)
    return render_template(
        "drafts/checklist.html",
        picker=picker,
        rows=progress.checklist(picker.page.items),
        papers=starters(),
    )


def _run(action):
    """The action's result, or None with its refusal flashed (the page stays usable)."""
    try:
        return action()
    except (Conflict, Invalid) as error:
        message = " ".join([error.message, *error.fields.values()]).strip()
        flash(message, "danger")
        return None


def _back(draft, anchor: str = ""):
    return redirect(url_for("drafts.show", draft_id=draft.id, _anchor=anchor or None))
