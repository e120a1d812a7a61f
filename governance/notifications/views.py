"""The notifications page, mark read, the e-mail address; the counter in the header."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import EmailField
from wtforms.validators import Length, Optional

from governance.core.errors import Invalid
from governance.core.forms import ConfirmForm, put_errors
from governance.core.nav import add_nav
from governance.notifications import service

blueprint = Blueprint("notifications", __name__, url_prefix="/notifications")


class EmailForm(FlaskForm):
    email = EmailField(_l("E-mail address for reminders"), validators=[Optional(), Length(max=254)])


class CounterLabel:
    """The nav entry's label: "Notifications" and, when some are unread, their number.
    Rendered through the existing nav hook, so base.html needs no change."""

    def _count(self) -> int:
        if "unread_notifications" not in g:
            g.unread_notifications = (
                service.unread_count(current_user) if current_user.is_authenticated else 0
            )
        return g.unread_notifications

    def __str__(self) -> str:
        count = self._count()
        return f"{_('Notifications')} ({count})" if count else _("Notifications")

    def __html__(self) -> str:
        count = self._count()
        label = escape(_("Notifications"))
        if not count:
            return str(label)
        title = escape(_("%(n)s unread", n=count))
        return str(
            Markup(
                '{} <span class="badge rounded-pill bg-warning text-dark" id="unread-count" '
                'title="{}">{}</span>'
            ).format(label, title, count)
        )


add_nav(80, CounterLabel(), "notifications.index")


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Each person sees only their own notifications."""


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = EmailForm(data={"email": service.email_of(current_user)})
    if form.validate_on_submit():
        try:
            service.set_email(current_user, form.email.data or "")
        except Invalid as error:
            put_errors(form, error.fields, error.message)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("notifications.index"))
    page = max(request.args.get("page", 1, type=int), 1)
    unread = request.args.get("unread") == "1"
    items, total = service.listing(current_user, page, unread=unread)
    return render_template(
        "notifications/index.html",
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // service.PAGE_SIZE)),
        unread=unread,
        form=form,
        confirm_form=ConfirmForm(),
    )


@blueprint.route("/<int:notification_id>/open")
def open_notice(notification_id: int):
    """Mark read and go to the page where the work is done."""
    notice = service.get(notification_id, current_user)
    service.mark_read(current_user, notice.id)
    link = notice.link if notice.link.startswith("/") and not notice.link.startswith("//") else "/"
    return redirect(link)


@blueprint.route("/<int:notification_id>/read", methods=["POST"])
def read(notification_id: int):
    if ConfirmForm().validate_on_submit():
        service.mark_read(current_user, service.get(notification_id, current_user).id)
    return redirect(url_for("notifications.index"))


@blueprint.route("/read-all", methods=["POST"])
def read_all():
    if ConfirmForm().validate_on_submit():
        flash(_("%(n)s notifications marked read.", n=service.mark_read(current_user)), "success")
    return redirect(url_for("notifications.index"))
