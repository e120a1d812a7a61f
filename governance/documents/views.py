"""Document pages: a unit's list, a document (download, sign, verify, PDF), templates."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from governance.core.access import can_manage_units, require
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.forms import ConfirmForm
from governance.core.nav import add_nav
from governance.core.pagination import web_page
from governance.documents import assembly, pdf, public, service, templates_store
from governance.documents.api import DOCX, download, file_stem
from governance.documents.compose import TEMPLATE_NAMES, template_path
from governance.documents.contexts import context_from_dict
from governance.documents.forms import OperativeForm, SignedPdfForm, TemplateForm
from governance.documents.operative import as_text
from governance.meetings import service as meetings
from governance.org.picker import pick_units
from governance.org.service import get_unit

blueprint = Blueprint("documents", __name__, url_prefix="/documents")
blueprints = [public.blueprint]  # the commune's public page (no login)
blp = public.blp  # its API twin, GET /api/v1/public/{unit_code}/documents

add_nav(40, _l("Documents"), "documents.index")

KIND_LABELS = {
    "resolution": _l("Resolution"),
    "decision": _l("Decision"),
    "minutes": _l("Minutes"),
    "counting_report": _l("Vote-counting report"),
    "programme": _l("Programme"),
    "invitation": _l("Invitation"),
}
STATUS_LABELS = {"draft": _l("Draft"), "signed": _l("Signed"), "void": _l("Withdrawn")}


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Every document page needs a signed-in user; services check role and unit."""


@blueprint.app_context_processor
def _labels() -> dict:
    return {"document_kinds": KIND_LABELS, "document_statuses": STATUS_LABELS}


@blueprint.app_template_global()
def document_warnings(meeting) -> list[str]:
    """Shown on the meeting page before drafting: offices nobody holds, names not given."""
    return assembly.warnings_for(meeting)


@blueprint.route("/")
def index():
    picker = pick_units(current_user)
    if picker.page.total == 1 and not picker.filtered:
        return redirect(url_for("documents.unit", code=picker.page.items[0].code))
    return render_template("documents/index.html", picker=picker)


@blueprint.route("/units/<code>")
def unit(code: str):
    unit = get_unit(code, current_user)
    page = web_page(service.document_query(unit, current_user))
    return render_template(
        "documents/unit.html",
        unit=unit,
        documents=page.items,
        page=page,
        can_manage_templates=can_manage_units(current_user),
    )


@blueprint.route("/<int:document_id>")
def document(document_id: int):
    return _document_page(service.get_document(document_id, current_user))


def _document_page(document, operative_form: OperativeForm | None = None):
    if operative_form is None and document.kind in ("resolution", "decision"):
        context = context_from_dict(document.kind, document.context)
        operative_form = OperativeForm(
            formdata=None, text=as_text(context.articles, context.annexes), version=document.version
        )
    return render_template(
        "documents/document.html",
        document=document,
        check=service.verify(document) if document.signed else None,
        can_sign=document.status == "draft"
        and service.slot_for(document, current_user) not in (None, *service.signed_slots(document)),
        can_publish=document.signed
        and document.published_at is None
        and service.can_publish(current_user, document.unit),
        slots=service.required_slots(document),
        can_write=service.can_write(current_user, document.unit),
        can_upload=service.can_sign(current_user, document.unit)
        and document.pdf_signed is None
        and document.status != "void",
        soffice=pdf.soffice() is not None,
        job=pdf.latest_job(document),
        upload_form=SignedPdfForm(),
        operative_form=operative_form,
    )


@blueprint.route("/<int:document_id>/void", methods=["POST"])
def void(document_id: int):
    document = service.get_document(document_id, current_user)
    reason = request.form.get("reason", "").strip()
    if not 3 <= len(reason) <= 300:
        flash(_("Give a reason (3 to 300 characters) to void a number."), "danger")
    else:
        service.void_number(document, reason, current_user)
        flash(_("Number %(number)s voided.", number=document.number), "success")
    return redirect(url_for("documents.document", document_id=document.id))


@blueprint.route("/<int:document_id>/pdf-status")
def pdf_status(document_id: int):
    """The PDF panel alone, polled by htmx while a conversion is queued or running."""
    document = service.get_document(document_id, current_user)
    return render_template(
        "documents/_pdf.html",
        document=document,
        soffice=pdf.soffice() is not None,
        job=pdf.latest_job(document),
    )


@blueprint.route("/<int:document_id>/sign", methods=["POST"])
def sign(document_id: int):
    document = service.get_document(document_id, current_user)
    if ConfirmForm().validate_on_submit():
        try:
            service.sign(document, current_user)
        except Conflict as conflict:
            flash(conflict.message, "danger")
        else:
            if document.signed:
                flash(_("Signed. The document can no longer be changed."), "success")
            else:
                flash(
                    _("Your signature is recorded; the document is final once all have signed."),
                    "success",
                )
    return redirect(url_for("documents.document", document_id=document_id))


@blueprint.route("/<int:document_id>/operative", methods=["POST"])
def operative_text(document_id: int):
    """The office types the operative text; what was typed stays on the form if refused."""
    document = service.get_document(document_id, current_user)
    form = OperativeForm()
    if form.validate_on_submit():
        try:
            service.set_operative(document, form.text.data, current_user, form.version.data)
        except (Invalid, Conflict) as error:
            flash(" ".join([error.message, *getattr(error, "fields", {}).values()]), "danger")
            return _document_page(document, form)
        flash(_("The operative text is saved."), "success")
    return redirect(url_for("documents.document", document_id=document_id))


@blueprint.route("/<int:document_id>/publish", methods=["POST"])
def publish(document_id: int):
    document = service.get_document(document_id, current_user)
    if ConfirmForm().validate_on_submit():
        service.publish(document, current_user)
        flash(_("Published on the commune's public page."), "success")
    return redirect(url_for("documents.document", document_id=document_id))


@blueprint.route("/<int:document_id>/make-pdf", methods=["POST"])
def make_pdf(document_id: int):
    document = service.get_document(document_id, current_user)
    if ConfirmForm().validate_on_submit():
        job = service.request_pdf(document, current_user)
        if job is None:
            flash(_("LibreOffice is not installed on the server: no PDF can be made."), "warning")
    return redirect(url_for("documents.document", document_id=document_id))


@blueprint.route("/<int:document_id>/signed-pdf", methods=["POST"])
def signed_pdf(document_id: int):
    document = service.get_document(document_id, current_user)
    form = SignedPdfForm()
    if form.validate_on_submit():
        try:
            service.accept_signed_pdf(document, form.file.data.read(), current_user)
        except Invalid as error:
            flash(error.message, "danger")
        else:
            flash(_("The signed PDF was checked and stored."), "success")
    else:
        flash(_("Choose a signed PDF file."), "warning")
    return redirect(url_for("documents.document", document_id=document_id))


@blueprint.route("/<int:document_id>/<any(docx, pdf, p7s):fmt>")
def file(document_id: int, fmt: str):
    document = service.get_document(document_id, current_user)
    stem = file_stem(document)
    if fmt == "docx":
        return download(document.docx, f"{stem}.docx", DOCX)
    if fmt == "p7s":
        return download(document.p7s, f"{stem}.docx.p7s", "application/pkcs7-signature")
    data = document.pdf_signed if document.pdf_signed is not None else document.pdf
    return download(data, f"{stem}.pdf", "application/pdf")


@blueprint.route("/units/<code>/templates", methods=["GET", "POST"])
def templates(code: str):
    unit = get_unit(code, current_user)
    require(can_manage_units(current_user))
    form = TemplateForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            templates_store.upload_template(
                unit, form.name.data, upload.read(), upload.filename or "", current_user
            )
        except Invalid as error:
            form.file.errors = [error.message, *error.fields.values()]
        else:
            flash(_("The template was checked and will be used from now on."), "success")
            return redirect(url_for("documents.templates", code=code))
    return render_template(
        "documents/templates.html",
        unit=unit,
        form=form,
        names=TEMPLATE_NAMES,
        custom=templates_store.list_templates(unit),
    )


@blueprint.route("/units/<code>/templates/<name>/remove", methods=["POST"])
def remove_template(code: str, name: str):
    unit = get_unit(code, current_user)
    if ConfirmForm().validate_on_submit():
        templates_store.remove_template(unit, name, current_user)
        flash(_("The standard template is used again."), "success")
    return redirect(url_for("documents.templates", code=code))


@blueprint.route("/units/<code>/templates/<name>.docx")
def template_file(code: str, name: str):
    unit = get_unit(code, current_user)
    if name not in TEMPLATE_NAMES:
        raise NotFound(_("There is no such template."))
    override = templates_store.override_for(unit.id, name)
    data = override[1] if override else template_path(name).read_bytes()
    return download(data, f"{name}.docx", DOCX)


# From a session's record -----------------------------------------------------------------


@blueprint.route(
    "/from-record/<any(minutes, resolution, counting_report):kind>/<int:ref>", methods=["POST"]
)
def from_record(kind: str, ref: int):
    """Draft the minutes (ref: meeting), a resolution or a counting report (ref: item);
    when it exists already, open it."""
    if kind == "minutes":
        meeting = meetings.get_meeting(ref, current_user)
        target = meeting
        draft = assembly.draft_minutes
    else:
        target = meetings.get_item(ref, current_user)
        meeting = target.meeting
        draft = (
            assembly.draft_resolution if kind == "resolution" else assembly.draft_counting_report
        )
    try:
        document = draft(target, current_user)
    except Conflict as conflict:
        flash(conflict.message, "warning")
        if existing := conflict.extra.get("document_id"):
            return redirect(url_for("documents.document", document_id=existing))
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    flash(
        _(
            "Draft %(number)s made from the record. Check it, then the chair signs.",
            number=document.number,
        ),
        "success",
    )
    return redirect(url_for("documents.document", document_id=document.id))
