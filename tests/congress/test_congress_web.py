"""The congress pages as a clerk uses them (forms, CSRF, downloads)."""

from __future__ import annotations

import io

from tests.conftest import csrf_from, web_login
from tests.congress.test_delegates import seed

TIED = "Tên chi bộ,Số đảng viên\nA,450\nB,300\nC,150\nD,100\n".encode()


def test_clerk_prepares_a_congress_on_the_web(client, world):
    web_login(client, "clerk_a")
    page = client.get("/congress/").get_data(as_text=True)
    created = client.post(
        "/congress/",
        data={
            "csrf_token": csrf_from(page),
            "term": "2025–2030",
            "opens_on": "2027-03-01",
            "form": "delegates",
            "ex_officio": "15",
            "designated": "2",
            "executive_seats": "27",
            "notice_days": "30",
            "holidays": "2027-02-15 2027-02-16",
            "max_delegates": "250",
            "max_executive": "27",
        },
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    url = created.headers["Location"]
    show = client.get(url).get_data(as_text=True)
    assert "Khai mạc đại hội" in show and "01/03/2027" in show
    base = url.rstrip("/")
    page = client.get(f"{base}/allocation").get_data(as_text=True)
    token = csrf_from(page)
    imported = client.post(
        f"{base}/cells",
        data={"csrf_token": token, "file": (io.BytesIO(TIED), "cells.csv")},
        content_type="multipart/form-data",
    )
    assert imported.status_code == 302
    allocated = client.post(
        f"{base}/allocation",
        data={"csrf_token": token, "seats": "10", "method": "hamilton", "minimum": "0"},
    )
    assert allocated.status_code == 302
    page = client.get(f"{base}/allocation").get_data(as_text=True)
    assert 'id="tie"' in page and "A, C" in page
    refused = client.post(
        f"{base}/allocation/decision", data={"csrf_token": token, "winners": ["A"], "reason": ""}
    )
    assert refused.status_code == 422
    decided = client.post(
        f"{base}/allocation/decision",
        data={"csrf_token": token, "winners": ["A"], "reason": "Chi bộ lớn hơn"},
    )
    assert decided.status_code == 302
    page = client.get(f"{base}/allocation").get_data(as_text=True)
    assert 'id="tie-decided"' in page and "Chi bộ lớn hơn" in page
    docx = client.get(f"{base}/allocation.docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    xlsx = client.get(f"{base}/allocation.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_delegates_credentials_and_sessions_pages(client, world, app):
    from tests.congress.conftest import new_congress

    congress = new_congress(client, world)
    seed(client, world, congress["id"])
    web_login(client, "clerk_a")
    base = f"/congress/{congress['id']}"
    page = client.get(f"{base}/delegates").get_data(as_text=True)
    assert "Vũ Thị Gấm" in page
    credentials = client.get(f"{base}/credentials").get_data(as_text=True)
    assert "<svg" in credentials and 'id="chart-education"' in credentials
    assert "40.0%" in credentials
    report = client.get(f"{base}/credentials.docx")
    assert report.status_code == 200 and report.data[:2] == b"PK"
    token = csrf_from(client.get(f"{base}/sessions").get_data(as_text=True))
    assert client.post(f"{base}/convene", data={"csrf_token": token}).status_code == 302
    sessions = client.get(f"{base}/sessions").get_data(as_text=True)
    assert "Phiên chính thức" in sessions and "election-base" in sessions
    status = client.post(
        f"{base}/delegates/1/status",
        data={"csrf_token": token, "status": "suspended", "reason": ""},
    )
    assert status.status_code == 302  # refused with a message, nothing changed


def test_other_units_see_nothing(client, world):
    from tests.congress.conftest import new_congress

    congress = new_congress(client, world)
    web_login(client, "clerk_b")
    for path in ("", "/allocation", "/delegates", "/credentials", "/sessions", "/credentials.docx"):
        assert client.get(f"/congress/{congress['id']}{path}").status_code == 403, path


def test_delegates_import_on_the_web_shows_the_bad_rows(client, world):
    from tests.congress.conftest import new_congress

    congress = new_congress(client, world)
    web_login(client, "clerk_a")
    base = f"/congress/{congress['id']}/delegates"
    token = csrf_from(client.get(base).get_data(as_text=True))
    sheet = "Họ và tên,Giới tính,Thành phần\nLê Văn Nam,Nam,chỉ định\nHà Thị Mơ,Nữ,khách mời\n"
    refused = client.post(
        f"{base}/import",
        data={"csrf_token": token, "file": (io.BytesIO(sheet.encode()), "d.csv")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422 and 'id="import-errors"' in refused.get_data(as_text=True)
    fixed = sheet.replace("khách mời", "đương nhiên")
    done = client.post(
        f"{base}/import",
        data={"csrf_token": token, "file": (io.BytesIO(fixed.encode()), "d.csv")},
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    assert "Hà Thị Mơ" in client.get(base).get_data(as_text=True)


def test_holidays_are_typed_as_day_month_year(client, world):
    """The plan's public holidays read like every other date of the app: dd/mm/yyyy."""
    web_login(client, "clerk_a")
    page = client.get("/congress/").get_data(as_text=True)
    form = {
        "csrf_token": csrf_from(page),
        "term": "2025–2030",
        "opens_on": "2027-03-01",  # a date input: the page shows it as dd/mm/yyyy
        "form": "delegates",
        "ex_officio": "15",
        "designated": "2",
        "executive_seats": "27",
        "notice_days": "30",
        "max_delegates": "250",
        "max_executive": "27",
    }
    wrong = client.post("/congress/", data=form | {"holidays": "15/02/2027 31/02/2027"})
    assert wrong.status_code == 200 and "31/02/2027" in wrong.get_data(as_text=True)
    created = client.post("/congress/", data=form | {"holidays": "15/02/2027, 16/02/2027"})
    assert created.status_code == 302
    congress_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    stored = client.get(f"/api/v1/congresses/{congress_id}", headers=world.auth("clerk_a"))
    assert stored.get_json()["holidays"] == ["2027-02-15", "2027-02-16"]
