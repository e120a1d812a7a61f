"""Issue 11, item 5: papers up to 20 MiB go in; beyond, a clear 413 (page or JSON)."""

from __future__ import annotations

import io

from tests.api.test_meetings import plan
from tests.api.test_meetings_web import PDF, _papers, upload
from tests.conftest import csrf_from, web_login

MiB = 1024 * 1024


def test_a_6_mib_paper_is_attached(client, world, app):
    item = plan(client, world)["agenda"][2]["id"]
    web_login(client, "clerk_a")
    page = upload(client, item, PDF + b"x" * 6 * MiB, "scan.pdf")
    assert page.status_code == 200 and "scan.pdf" in page.get_data(as_text=True)
    assert _papers(app) == 1


def test_a_paper_over_20_mib_gets_a_413_page_that_renders(client, world, app):
    item = plan(client, world)["agenda"][2]["id"]
    web_login(client, "clerk_a")
    token = csrf_from(client.get("/meetings/").get_data(as_text=True))
    answer = client.post(
        f"/meetings/items/{item}/papers",
        data={"csrf_token": token, "file": (io.BytesIO(PDF + b"x" * 21 * MiB), "huge.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 413
    text = answer.get_data(as_text=True)
    assert "20 MB" in text and "</html>" in text
    assert _papers(app) == 0


def test_a_json_body_over_the_limit_is_413_in_the_error_shape(client, world):
    answer = client.post(
        "/api/v1/units",
        headers=world.auth("admin"),
        data=b'{"name": "' + b"x" * 6 * MiB + b'"}',
        content_type="application/json",
    )
    assert answer.status_code == 413
    error = answer.get_json()["error"]
    assert error["code"] == "too_large" and "5 MB" in error["message"]
    assert error["fields"] == {}
