"""Signing in and out, the home page, the language switch, the audit page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from governance.core import audit
from governance.core.access import can_read_audit, require
from governance.core.auth import AccountLocked, SignInRefused, authenticate
from governance.core.forms import ConfirmForm, LoginForm
from governance.core.localtime import local_text
from governance.core.models import AuditEntry, Role
from governance.core.nav import PANELS, add_nav
from governance.extensions import db

blueprint = Blueprint("core", __name__)

AUDIT_PAGE_SIZE = 100
ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.INSPECTOR: _l("Provincial inspector"),
    Role.CLERK: _l("Office clerk"),
    Role.CHAIR: _l("Chair"),
    Role.SECRETARY: _l("Secretary"),
    Role.MEMBER: _l("Member"),
}


add_nav(0, _l("Home"), "core.home")
add_nav(90, _l("Audit log"), "core.audit_log", {Role.ADMIN})


@blueprint.app_context_processor
def _role_labels() -> dict:
    return {"role_labels": ROLE_LABELS}


@blueprint.app_template_filter("localtime")
def _localtime(value, style: str = "full") -> str:
    """`Thứ Năm, 03/12/2026 11:00`: the one way a page shows a time (core.localtime)."""
    return local_text(value, style)


@blueprint.route("/favicon.ico")
def favicon():
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.password.data)
        except (SignInRefused, AccountLocked) as refused:
            form.form_errors.append(refused.message)
        else:
            session.clear()  # a fresh session on sign-in (no fixation)
            session.permanent = True
            login_user(user)
            audit.record("sign_in", "user", user.id, unit_id=user.unit_id, user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("core/login.html", form=form)


def _safe_next(target: str | None) -> str:
    """Only local paths: a crafted ?next= must not send the clerk elsewhere."""
    if target and target.startswith("/") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return url_for("core.home")


@blueprint.route("/logout", methods=["POST"])
def logout():
    if ConfirmForm().validate_on_submit():
        logout_user()
        session.clear()
    return redirect(url_for("core.login"))


@blueprint.route("/")
@login_required
def home():
    from governance.core.home import todo
    from governance.org.service import list_units

    panels = [
        (panel.template, values) for panel in PANELS if (values := panel.context(current_user))
    ]
    work = todo(current_user)
    # Oversight sees provinces (grouped counts), never one card per commune.
    units = [] if work["kind"] == "oversight" else list_units(current_user)
    return render_template("core/home.html", units=units, panels=panels, todo=work)


@blueprint.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    if ConfirmForm().validate_on_submit() and code in ("vi", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))


@blueprint.route("/audit")
@login_required
def audit_log():
    require(can_read_audit(current_user))
    page = max(request.args.get("page", 1, type=int), 1)
    entries = db.session.scalars(
        select(AuditEntry)
        .order_by(AuditEntry.id.desc())
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    report = audit.verify_chain() if request.args.get("verify") else None
    if report is not None and not report.ok:
        flash(
            _("The audit log was altered: %(n)s problems found.", n=len(report.problems)), "danger"
        )
    return render_template(
        "core/audit.html", entries=entries, page=page, report=report, page_size=AUDIT_PAGE_SIZE
    )
