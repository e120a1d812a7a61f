"""Demo: Đồng Đăng's Executive Committee working regulations, from the starter text, open
for comments, with a member's comment and a proposed change waiting for the clerk."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from governance.core.database import utcnow
from governance.core.models import User
from governance.drafts import review, service
from governance.drafts.models import Draft
from governance.extensions import db
from governance.org.models import Body, Unit

ORDER = 50  # after the registry (10), meetings (20) and documents (40)
CHANGE = (
    "Điều 7. Hội nghị Ban Chấp hành\n"
    "1. Ban Chấp hành họp thường lệ ba tháng một lần; họp bất thường khi cần.\n"
    "2. Tài liệu hội nghị được gửi đến các ủy viên chậm nhất 05 ngày làm việc trước hội nghị.\n"
    "3. Hội nghị được tổ chức trực tuyến khi có lý do chính đáng, do Ban Thường vụ quyết định."
)


def seed(context: dict) -> None:
    unit = db.session.scalar(select(Unit).where(Unit.code == "DONG-DANG"))
    if unit is None or db.session.scalar(select(Draft.id).limit(1)) is not None:
        return
    users = {u.role: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))}
    body = db.session.scalar(
        select(Body).where(Body.unit_id == unit.id, Body.kind == "party_executive")
    )
    if body is None or "clerk" not in users:
        return
    draft = service.create_draft(body, {"starter": "regulation_executive"}, users["clerk"])
    review.open_review(draft, utcnow() + timedelta(days=5), users["clerk"])
    reader = users.get("member") or users.get("chair") or users["clerk"]
    review.add_comment(
        draft,
        {"version": 1, "article": "Điều 5.", "text": "Đề nghị ghi rõ Phó Bí thư Thường trực."},
        reader,
    )
    review.add_comment(
        draft,
        {
            "version": 1,
            "article": "Điều 7.",
            "text": "Bổ sung hình thức họp trực tuyến.",
            "proposed": CHANGE,
        },
        reader,
    )
