"""The audit chain detects an edited or a removed entry, by command and on the admin page."""

from __future__ import annotations

import ast
from pathlib import Path

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


def test_the_admin_page_queues_a_check_and_shows_the_last_verdict(client, world, app):
    from governance.core.jobs import run_queued_checks
    from governance.extensions import db
    from tests.conftest import csrf_from

    _make_entries(client, world)
    web_login(client, "admin")
    page = client.get("/audit").get_data(as_text=True)
    assert "Người 2" in page and "chưa được kiểm tra" in page
    token = csrf_from(page)
    queued = client.post("/audit/verify", data={"csrf_token": token}, follow_redirects=True)
    assert "Đã xếp lượt kiểm tra" in queued.get_data(as_text=True)  # no walk in the request
    assert "alert-success" not in queued.get_data(as_text=True)
    assert "intact" in run_queued_checks(app)  # what the scheduler process does
    assert "alert-success" in client.get("/audit").get_data(as_text=True)
    with app.app_context():
        db.session.execute(text("UPDATE audit_entries SET reason = 'x' WHERE id = 1"))
        db.session.commit()
    client.post("/audit/verify", data={"csrf_token": token, "full": "1"})
    assert "BROKEN" in run_queued_checks(app)
    assert "alert-danger" in client.get("/audit").get_data(as_text=True)
    other = app.test_client()
    web_login(other, "clerk_a")
    assert other.get("/audit").status_code == 403
    assert other.post("/audit/verify", data={"csrf_token": token}).status_code in (400, 403)


def test_the_nightly_run_reads_only_the_entries_after_the_last_anchor(client, world, app):
    _make_entries(client, world, 5)
    first = _verify(app)
    assert first.ok and first.checked == 5
    _make_entries(client, world, 2)
    second = _verify(app)
    assert second.ok and (second.count, second.checked) == (7, 2)
    result = app.test_cli_runner().invoke(args=["audit-verify", "--full"])
    assert result.exit_code == 0 and "7 entries (7 checked)" in result.output


def test_deleting_the_newest_entries_is_detected(client, world, app):
    """Removing a tail leaves a valid chain: only the signed anchor of the head shows it."""
    from governance.extensions import db

    _make_entries(client, world, 30)
    assert _verify(app).ok  # the nightly run anchors the head (entry 30)
    with app.app_context():
        db.session.execute(text("DELETE FROM audit_entries WHERE id > 5"))
        db.session.commit()
    report = _verify(app)
    assert not report.ok and report.problems[0][0] == 30
    result = app.test_cli_runner().invoke(args=["audit-verify", "--full"])
    assert result.exit_code == 1 and "anchored entry was removed" in result.output


def test_rewriting_an_entry_and_recomputing_the_chain_is_detected(client, world, app):
    from governance.core.audit import entry_hash
    from governance.core.models import AuditEntry
    from governance.extensions import db

    _make_entries(client, world, 6)
    assert _verify(app).ok
    with app.app_context():  # the attacker rewrites entry 3 and re-chains 3..6
        entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
        entries[2].username = "someone else"
        for position in range(2, len(entries)):
            entry = entries[position]
            # The chain's unique columns: move old values out of the way first.
            entry.prev_hash, entry.hash = f"tmp-prev-{position}", f"tmp-hash-{position}"
        db.session.flush()
        for position in range(2, len(entries)):
            entry = entries[position]
            entry.prev_hash = entries[position - 1].hash
            entry.hash = entry_hash(entry)
            db.session.flush()
        db.session.commit()
    report = _verify(app)
    assert [problem for _id, problem in report.problems] == [
        "the chain was rewritten up to this anchored entry"
    ]
    assert report.problems[0][0] == 6


def test_a_forged_anchor_is_detected(client, world, app):
    from governance.extensions import db

    _make_entries(client, world, 3)
    assert _verify(app).ok
    _make_entries(client, world, 1)
    with app.app_context():  # an anchor written without the key
        db.session.execute(
            text(
                "INSERT INTO audit_anchors (entry_id, entry_hash, count, created_at, signature) "
                "SELECT id, hash, 4, at, :sig FROM audit_entries WHERE id = 4"
            ),
            {"sig": "0" * 64},
        )
        db.session.commit()
    report = _verify(app)
    assert report.problems == [(4, "an anchor was forged or altered")]


def test_audit_does_not_import_accounts():
    """core.auth uses core.audit; the audit log must not need core.auth (no import cycle)."""
    source = Path(__file__).parents[2] / "governance" / "core" / "audit.py"
    imported = {
        f"{node.module}.{alias.name}" if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported and not any(".core.auth" in name for name in imported)


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


def test_anchors_signed_with_another_key_do_not_match(client, world, app, monkeypatch):
    """AUDIT_ANCHOR_KEY, kept apart from the database, is what makes an anchor."""
    _make_entries(client, world, 2)
    monkeypatch.setenv("AUDIT_ANCHOR_KEY", "kept-in-the-vault")
    assert _verify(app).ok  # anchored with the vault key
    monkeypatch.setenv("AUDIT_ANCHOR_KEY", "a-guess")
    assert _verify(app).problems == [(2, "an anchor was forged or altered")]
