"""Reminders become notifications and e-mails exactly once: twice the same tick, a scheduler
that crashed and restarted, two schedulers racing against one database."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.oversight.conftest import add_meeting, local

NOW = local(2026, 3, 1, 9, 0)


def _plan(app, world) -> int:
    """A meeting on 3 March, invitation and papers sent: clerk (7 d), chair and secretary
    (3 d) and member (2 d) of commune A are due a reminder on 1 March."""
    return add_meeting(
        app,
        world.bodies["A"],
        local(2026, 3, 3, 8, 0),
        invitation_sent_at=local(2026, 2, 1),
        papers_sent_at=local(2026, 2, 1),
    )


def _set_emails(app, world, *who: str) -> None:
    from governance.extensions import db
    from governance.notifications.models import EmailAddress

    with app.app_context():
        for name in who:
            db.session.add(EmailAddress(user_id=world.users[name], email=f"{name}@xa-an.test"))
        db.session.commit()


def _count(app, model) -> int:
    from governance.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_second_tick_delivers_nothing_again(app, world):
    from governance.notifications.delivery import deliver
    from governance.notifications.models import Notification

    _plan(app, world)
    with app.app_context():
        first = deliver(NOW)
        second = deliver(NOW + timedelta(minutes=5))
    assert first == (4, 0)  # clerk_a, chair_a, secretary_a, member_a; no SMTP: no e-mail
    assert second == (0, 0)
    assert _count(app, Notification) == 4


def test_e_mail_through_a_local_smtp_server(app, world, smtp_server):
    from governance.notifications.delivery import deliver
    from governance.notifications.mail import send_outbox
    from governance.notifications.models import EmailOutbox

    meeting = _plan(app, world)
    _set_emails(app, world, "clerk_a", "chair_a")
    with app.app_context():
        assert deliver(NOW) == (4, 2)
        assert send_outbox("host-1") == (2, 0)
        assert send_outbox("host-1") == (0, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "chair_a@xa-an.test",
        "clerk_a@xa-an.test",
    ]
    message = smtp_server.messages[0]
    assert message["From"] == "nhac-viec@hoi-nghi.test"
    assert "03/03/2026" in message["Subject"]
    assert f"/meetings/{meeting}" in message.get_content()
    with app.app_context():
        from governance.extensions import db

        assert all(e.sent_at for e in db.session.scalars(select(EmailOutbox)))


def test_restart_after_a_crash_sends_each_e_mail_once(app, world, smtp_server, monkeypatch):
    """Tick 1 commits the notices and claims the e-mails, then the process dies before it
    sends. The restarted scheduler (another identity) sends them once the claim is stale,
    and creates no notice twice."""
    from governance.notifications import mail
    from governance.notifications.delivery import deliver
    from governance.notifications.models import Notification

    _plan(app, world)
    _set_emails(app, world, "clerk_a", "chair_a", "member_a")
    with app.app_context():
        deliver(NOW)
        claimed = mail.claim("crashed-host:1", NOW)
        assert len(claimed) == 3  # ... and the process dies here
        assert mail.send_outbox("restarted:2", NOW + timedelta(minutes=5)) == (0, 0)  # claimed
        assert deliver(NOW + timedelta(minutes=5)) == (0, 0)
        assert mail.send_outbox("restarted:2", NOW + timedelta(minutes=20)) == (3, 0)
        assert mail.send_outbox("restarted:2", NOW + timedelta(minutes=40)) == (0, 0)
    assert len(smtp_server.messages) == 3
    assert _count(app, Notification) == 4


def test_smtp_down_keeps_the_e_mails_for_the_next_tick(app, world, smtp_server, monkeypatch):
    from governance.notifications import mail
    from governance.notifications.delivery import deliver

    _plan(app, world)
    _set_emails(app, world, "clerk_a")
    with app.app_context():
        deliver(NOW)
        monkeypatch.setitem(app.config, "SMTP_PORT", 1)  # nothing listens there
        assert mail.send_outbox("h", NOW) == (0, 1)
        monkeypatch.setitem(app.config, "SMTP_PORT", smtp_server.port)
        assert mail.send_outbox("h", NOW) == (1, 0)
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("schedulers", [2, 4])
def test_schedulers_racing_on_one_database_deliver_once(app, world, smtp_server, schedulers):
    """Several schedulers tick at the same instant (threads: separate connections and
    transactions); every notice and e-mail exists and is sent exactly once."""
    from governance.notifications.delivery import deliver
    from governance.notifications.mail import send_outbox
    from governance.notifications.models import EmailOutbox, Notification

    _plan(app, world)
    _set_emails(app, world, "clerk_a", "chair_a", "secretary_a", "member_a")
    start = threading.Barrier(schedulers)
    errors: list[BaseException] = []

    def tick(name: str) -> None:
        try:
            with app.app_context():
                start.wait()
                deliver(NOW)
                send_outbox(name)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=tick, args=(f"host-{i}",)) for i in range(schedulers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert _count(app, Notification) == 4
    assert _count(app, EmailOutbox) == 4
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        f"{n}@xa-an.test" for n in ("clerk_a", "chair_a", "secretary_a", "member_a")
    )


def test_only_the_lease_holder_runs_a_job_until_the_lease_expires(app):
    from governance.core.database import utcnow
    from governance.scheduler import lease

    now = utcnow()
    with app.app_context():
        assert lease.acquire("deliver-reminders", "host-a:1", 600, now)
        assert not lease.acquire("deliver-reminders", "host-b:2", 600, now)
        assert lease.acquire("deliver-reminders", "host-a:1", 600, now + timedelta(minutes=5))
        # host-a stops renewing (crash): host-b takes over once the lease has run out.
        assert not lease.acquire("deliver-reminders", "host-b:2", 600, now + timedelta(minutes=14))
        assert lease.acquire("deliver-reminders", "host-b:2", 600, now + timedelta(minutes=16))
        lease.release("deliver-reminders", "host-b:2")
        assert lease.acquire("deliver-reminders", "host-c:3", 600, now + timedelta(minutes=16))


def test_two_scheduler_processes_take_the_lease_once(app):
    """Two schedulers race for the lease of one job at the same instant: exactly one wins."""
    from governance.core.database import utcnow
    from governance.scheduler import lease

    now = utcnow()
    barrier = threading.Barrier(2)
    won: list[str] = []

    def contend(name: str) -> None:
        with app.app_context():
            barrier.wait()
            if lease.acquire("race", name, 600, now):
                won.append(name)

    threads = [threading.Thread(target=contend, args=(f"host-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(won) == 1


def test_two_scheduler_processes_on_one_database(app, world, database_url, smtp_server, tmp_path):
    """Two `flask scheduler --once` processes started together against one database: each
    reminder is one notice and one e-mail, whichever process got there first."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from governance.core.database import utcnow
    from governance.notifications.models import EmailOutbox, Notification

    add_meeting(
        app,
        world.bodies["A"],
        utcnow() + timedelta(days=1),
        invitation_sent_at=utcnow(),
        papers_sent_at=utcnow(),
    )
    _set_emails(app, world, "clerk_a", "chair_a", "secretary_a", "member_a")
    root = Path(__file__).resolve().parents[2]
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "GOVERNANCE_INSTANCE": str(tmp_path),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "scheduler", "--once"]
    processes = [
        subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    assert _count(app, Notification) == 4
    assert _count(app, EmailOutbox) == 4
    assert len(smtp_server.messages) == 4, outputs
