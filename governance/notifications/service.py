"""A user's notifications: list, count unread, mark read, e-mail address."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from governance.core import audit
from governance.core.database import utcnow
from governance.core.errors import Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.notifications.delivery import dialect_insert
from governance.notifications.models import EmailAddress, Notification

PAGE_SIZE = 50


def listing(user: User, page: int = 1, page_size: int = PAGE_SIZE, unread: bool = False):
    query = select(Notification).where(Notification.user_id == user.id)
    if unread:
        query = query.where(Notification.read_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        query.order_by(Notification.due_at.desc(), Notification.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return items, total


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def get(notification_id: int, user: User) -> Notification:
    notice = db.session.get(Notification, notification_id)
    if notice is None or notice.user_id != user.id:  # another's notice does not exist for you
        raise NotFound(_("This notification does not exist."))
    return notice


def mark_read(user: User, notification_id: int | None = None) -> int:
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    done = db.session.execute(
        query.values(read_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return done


def email_of(user: User) -> str:
    row = db.session.get(EmailAddress, user.id)
    return row.email if row else ""


def set_email(user: User, email: str) -> None:
    email = (email or "").strip()
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        raise Invalid(fields={"email": _("This is not an e-mail address.")})
    row = db.session.get(EmailAddress, user.id) or EmailAddress(user_id=user.id)
    before = {"email": row.email}
    row.email = email
    db.session.add(row)
    audit.record(
        "update",
        "notification_address",
        user.id,
        unit_id=user.unit_id,
        user=user,
        before=before,
        after={"email": email},
    )
    db.session.commit()


def notify_unit(unit_id: int, roles: tuple[str, ...], *, key: str, subject: str, link: str) -> int:
    """Notify the unit's accounts of these roles now, in the caller's transaction (once per
    key: the same unique (user, key) as the scheduler's reminders)."""
    now = utcnow()
    users = db.session.scalars(
        select(User.id).where(User.unit_id == unit_id, User.role.in_(roles), User.active.is_(True))
    ).all()
    if not users:
        return 0
    rows = [
        {
            "user_id": uid,
            "key": key,
            "unit_id": unit_id,
            "subject": subject[:500],
            "link": link[:300],
            "due_at": now,
            "created_at": now,
        }
        for uid in users
    ]
    db.session.execute(
        dialect_insert(Notification)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["user_id", "key"])
    )
    return len(rows)
