"""Issue 11, item 9: one error page that cannot fail itself, in the person's language."""

from __future__ import annotations

import pytest

from tests.conftest import web_login


@pytest.fixture
def unpropagated(app):
    """Answer as production does: an unexpected exception becomes the 500 page."""
    before = app.config["PROPAGATE_EXCEPTIONS"]
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield app
    app.config["PROPAGATE_EXCEPTIONS"] = before


def _broken(*_args, **_kwargs):
    raise RuntimeError("something unexpected")


def test_an_unexpected_error_shows_the_app_s_page_and_message(
    client, world, unpropagated, monkeypatch
):
    web_login(client, "clerk_a")
    monkeypatch.setitem(unpropagated.view_functions, "core.home", _broken)
    answer = client.get("/", headers={"Accept-Language": "vi"})
    assert answer.status_code == 500
    text = answer.get_data(as_text=True)
    assert "Internal Server Error" not in text and "Hội nghị" in text and "Nothing" not in text


def test_the_error_page_falls_back_to_plain_html_when_it_cannot_be_drawn(
    client, world, unpropagated, monkeypatch
):
    from governance.core import errors

    monkeypatch.setattr(errors, "render_template", _broken)  # the template itself fails
    answer = client.get("/org/bodies/999999", headers={"Accept-Language": "en"})
    assert answer.status_code in (302, 404)
    web_login(client, "clerk_a")
    answer = client.get("/org/bodies/999999", headers={"Accept-Language": "en"})
    assert answer.status_code == 404
    text = answer.get_data(as_text=True)
    assert "<h1>" in text and "Internal Server Error" not in text
    monkeypatch.setitem(unpropagated.view_functions, "core.home", _broken)
    server_error = client.get("/", headers={"Accept-Language": "en"})
    assert server_error.status_code == 500
    text = server_error.get_data(as_text=True)
    assert "<h1>" in text and ("Nothing was saved" in text or "Chưa có dữ liệu" in text)
