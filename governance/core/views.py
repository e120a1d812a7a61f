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
from flask_login import current_user, login_required, logout_user
from sqlalchemy import func, select

from governance.core import audit
from governance.core.access import can_read_audit, require
from governance.core.auth import (
    AccountLocked,
    SignInRefused,
    authenticate,
    change_password,
    end_session,
    start_session,
)
from governance.core.errors import Invalid
from governance.core.forms import ConfirmForm, LoginForm, PasswordForm, put_errors
from governance.core.localtime import local_text
from governance.core.models import AuditEntry, Role
from governance.core.nav import PANELS, add_nav, home_context
from governance.extensions import db

blueprint = Blueprint("core", __name__)

AUDIT_PAGE_SIZE = 100
MAX_PAGE = 10**6  # an offset the database can take (a larger page is simply empty)
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
            start_session(user)  # a fresh session on sign-in (no fixation)
            audit.record("sign_in", "user", user.id, unit_id=user.unit_id, user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("core/login.html", form=form)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: a crafted ?next= must not send the clerk elsewhere.

    Browsers read `//host`, `/\\host` and `////host` as another site, and drop tabs and
    newlines before they do: such targets go home instead."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or any(c == "\\" or ord(c) < 32 or ord(c) == 127 for c in target)
    ):
        return url_for("core.home")
    parts = urlsplit(target)
    return url_for("core.home") if parts.scheme or parts.netloc else target


@blueprint.route("/logout", methods=["POST"])
def logout():
    if ConfirmForm().validate_on_submit():
        end_session()  # a copy of the cookie no longer signs in
        logout_user()
        session.clear()
    return redirect(url_for("core.login"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change one's own password: every other session and API token of the account ends."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except Invalid as refused:
            put_errors(form, refused.fields, refused.message)
        else:
            start_session(current_user)  # this browser stays signed in, under the new generation
            flash(
                _("Your password was changed. Other sessions and API tokens were signed out."),
                "success",
            )
            return redirect(url_for("core.home"))
    return render_template("core/password.html", form=form)


@blueprint.route("/")
@login_required
def home():
    panels = [
        (panel.template, values) for panel in PANELS if (values := panel.context(current_user))
    ]
    return render_template("core/home.html", panels=panels, **home_context(current_user))


@blueprint.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    if ConfirmForm().validate_on_submit() and code in ("vi", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))


@blueprint.route("/audit")
@login_required
def audit_log():
    require(can_read_audit(current_user))
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    entries = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.id <= _audit_page_top(page))
        .order_by(AuditEntry.id.desc())
        .limit(AUDIT_PAGE_SIZE)
    ).all()
    last, waiting = audit.latest_checks()
    if last is not None and not last.ok:
        flash(_("The audit log was altered: %(n)s problems found.", n=len(last.problems)), "danger")
    return render_template(
        "core/audit.html",
        entries=entries,
        page=page,
        last=last,
        waiting=waiting,
        form=ConfirmForm(),
        page_size=AUDIT_PAGE_SIZE,
    )


def _audit_page_top(page: int) -> int:
    """The newest id on a page, by id rather than OFFSET (an old page costs no more)."""
    newest = db.session.scalar(select(func.max(AuditEntry.id))) or 0
    return newest - min(page - 1, 10**9) * AUDIT_PAGE_SIZE


@blueprint.route("/audit/verify", methods=["POST"])
@login_required
def queue_audit_check():
    """Queue a verification: the scheduler process runs it, the page shows the result."""
    require(can_read_audit(current_user))
    if ConfirmForm().validate_on_submit():
        audit.queue_check(current_user.username, full=request.form.get("full") == "1")
        flash(_("The verification is queued; this page shows its result when it is done."), "info")
    return redirect(url_for("core.audit_log"))
