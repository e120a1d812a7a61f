"""The audit chain detects an edited or a removed entry, by command and on the admin page."""

from __future__ import annotations

from sqlalchemy import text

from tests.conftest import web_login


def _make_entries(client, world, n: int = 3) -> None:
    for i in range(n):
        client.post(
            f"/api/v1/bodies/{world.bodies['A']}/members",
            headers=world.auth("clerk_a"),
            json={"full_name": f"Người {i}", "gender": "male"},
        )


def _verify(app):
    from governance.core.audit import verify_chain

    with app.app_context():
        return verify_chain()


def test_an_untouched_chain_verifies(client, world, app):
    _make_entries(client, world)
    report = _verify(app)
    assert report.ok and report.count == 3
    result = app.test_cli_runner().invoke(args=["audit-verify"])
    assert result.exit_code == 0 and "3 entries" in result.output


def test_an_edited_entry_is_detected(client, world, app):
    from governance.extensions import db

    _make_entries(client, world)
    with app.app_context():
        db.session.execute(text("UPDATE audit_entries SET username = 'someone' WHERE id = 2"))
        db.session.commit()
    report = _verify(app)
    assert [entry_id for entry_id, _p in report.problems] == [2]
    result = app.test_cli_runner().invoke(args=["audit-verify"])
    assert result.exit_code == 1 and "entry 2" in result.output


def test_a_removed_entry_is_detected(client, world, app):
    from governance.extensions import db

    _make_entries(client, world)
    with app.app_context():
        db.session.execute(text("DELETE FROM audit_entries WHERE id = 2"))
        db.session.commit()
    report = _verify(app)
    assert report.problems and report.problems[0][0] == 3


def test_the_admin_page_shows_the_verdict_and_others_are_refused(client, world, app):
    from governance.extensions import db

    _make_entries(client, world)
    web_login(client, "admin")
    page = client.get("/audit?verify=1").get_data(as_text=True)
    assert "Người 2" in page and "alert-success" in page
    with app.app_context():
        db.session.execute(text("UPDATE audit_entries SET reason = 'x' WHERE id = 1"))
        db.session.commit()
    assert "alert-danger" in client.get("/audit?verify=1").get_data(as_text=True)
    other = app.test_client()
    web_login(other, "clerk_a")
    assert other.get("/audit").status_code == 403


def test_two_entries_cannot_claim_the_same_predecessor(client, world, app):
    """The database refuses a fork of the chain, whatever the code does."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from governance.core.models import AuditEntry
    from governance.extensions import db

    _make_entries(client, world, 1)
    with app.app_context():
        first = db.session.get(AuditEntry, 1)
        db.session.add(
            AuditEntry(
                at=first.at, action="x", entity="y", prev_hash=first.prev_hash, hash="f" * 64
            )
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
