"""Meeting pages: papers (limits, storage, access), the calendar and its iCalendar feed."""

from __future__ import annotations

import io
import re
from pathlib import Path

from icalendar import Calendar

from tests.api.test_meetings import plan
from tests.conftest import csrf_from, web_login

PDF = b"%PDF-1.4\n% a tiny paper\n"


def upload(client, item_id: int, data: bytes, name: str):
    token = csrf_from(client.get("/meetings/").get_data(as_text=True))
    return client.post(
        f"/meetings/items/{item_id}/papers",
        follow_redirects=True,
        data={"csrf_token": token, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_paper_is_stored_outside_the_web_root_and_served_to_the_unit_only(client, world, app):
    meeting = plan(client, world)
    item = meeting["agenda"][2]["id"]
    web_login(client, "clerk_a")
    page = upload(client, item, PDF, "du-thao-quy-che.pdf").get_data(as_text=True)
    assert "du-thao-quy-che.pdf" in page
    link = re.search(r'href="(/meetings/papers/\d+)"', page).group(1)
    answer = client.get(link)
    assert answer.data == PDF and answer.mimetype == "application/pdf"
    stored = list((Path(app.instance_path) / "uploads").iterdir())
    assert any(p.read_bytes() == PDF for p in stored)
    assert not any(Path(app.static_folder).rglob("*.pdf"))

    other = app.test_client()
    web_login(other, "clerk_b")
    assert other.get(link).status_code == 403
    member = app.test_client()
    web_login(member, "member_a")
    assert member.get(link).status_code == 200


def _papers(app) -> int:
    from sqlalchemy import func, select

    from governance.extensions import db
    from governance.meetings.models import Attachment

    with app.app_context():
        return db.session.scalar(select(func.count(Attachment.id)))


def _flash(page: str) -> str:
    return re.search(r'alert alert-danger" role="status">([^<]+)<', page).group(1)


def test_papers_of_the_wrong_type_or_content_are_refused(client, world, app):
    meeting = plan(client, world)
    item = meeting["agenda"][2]["id"]
    web_login(client, "clerk_a")
    exe = _flash(upload(client, item, b"MZ\x90\x00", "virus.exe").get_data(as_text=True))
    assert ".pdf" in exe and ".docx" in exe
    fake = _flash(upload(client, item, b"<html>x</html>", "quy-che.pdf").get_data(as_text=True))
    assert ".pdf" in fake and ("match" in fake or "khớp" in fake)
    assert _papers(app) == 0


def test_a_paper_over_the_limit_is_refused_clearly(client, world, app):
    meeting = plan(client, world)
    item = meeting["agenda"][2]["id"]
    web_login(client, "clerk_a")
    app.config["ATTACHMENT_MAX_BYTES"] = 1024 * 1024
    try:
        page = upload(client, item, PDF + b"x" * 2 * 1024 * 1024, "big.pdf").get_data(as_text=True)
    finally:
        app.config["ATTACHMENT_MAX_BYTES"] = 20 * 1024 * 1024
    assert "1 MB" in page
    assert _papers(app) == 0


def test_the_calendar_shows_the_month_and_the_feed_lists_invited_meetings(client, world, app):
    meeting = plan(client, world, title="Hội nghị tháng")
    web_login(client, "clerk_a")
    day = meeting["starts_at"][:10]
    page = client.get(f"/meetings/calendar?view=month&date={day}").get_data(as_text=True)
    assert "Hội nghị tháng" in page or meeting["title"] in page
    week = client.get(f"/meetings/calendar?view=week&date={day}").get_data(as_text=True)
    assert meeting["title"] in week
    feed = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
    path = feed.split("localhost", 1)[-1]
    answer = app.test_client().get(path)  # a calendar app: no session
    assert answer.mimetype == "text/calendar"
    events = [c for c in Calendar.from_ical(answer.data).walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == [meeting["title"]]
    assert app.test_client().get("/calendar/forged-token.ics").status_code == 404


def test_the_feed_of_another_commune_does_not_show_this_meeting(client, world, app):
    plan(client, world)
    other = app.test_client()
    web_login(other, "clerk_b")
    page = other.get("/meetings/calendar").get_data(as_text=True)
    path = re.search(r'value="http://[^/]+(/calendar/[^"]+\.ics)"', page).group(1)
    assert b"VEVENT" not in app.test_client().get(path).data
