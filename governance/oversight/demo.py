"""Demo: the province's inspector has asked Cao Lộc a question, and the reminders due today
are delivered (the header counter shows them at first sign-in)."""

from __future__ import annotations

from sqlalchemy import select

from governance.core.models import User
from governance.extensions import db
from governance.org.models import Unit
from governance.oversight.models import Finding

ORDER = 70  # after the registry, meetings and documents


def seed(context: dict) -> None:
    from governance.notifications.delivery import deliver
    from governance.oversight.service import record_finding

    inspector = db.session.scalar(select(User).where(User.username == "thanhtra.langson"))
    commune = db.session.scalar(select(Unit).where(Unit.code == "CAO-LOC"))
    if inspector and commune and not db.session.scalar(select(Finding.id).limit(1)):
        record_finding(
            commune,
            {
                "item_key": "first_meeting:people_council",
                "kind": "request",
                "text": "Đề nghị xã báo cáo kế hoạch tổ chức kỳ họp thứ nhất HĐND xã và "
                "thời hạn gửi tài liệu cho đại biểu.",
            },
            inspector,
        )
    deliver()
