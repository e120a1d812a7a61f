"""Which scheduler runs a job: a lease row in the database, never a file on one host.

Two schedulers started by mistake on two hosts against one database both tick; only the
holder of a job's lease runs it. The holder renews the lease at each run; another process
takes over once the lease has expired (the holder stopped or crashed). The lease is an
optimisation and a guard: delivery stays exactly-once even without it, because the
notifications carry a unique (user, key) and e-mails are claimed row by row.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite

from governance.core.database import utcnow
from governance.extensions import db
from governance.scheduler.models import SchedulerLease

DEFAULT_LEASE_SECONDS = 900


def process_identity() -> str:
    """This process, readable in the table: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(name: str, holder: str, seconds: int, now: datetime | None = None) -> bool:
    """Take or renew the lease `name` for `seconds`; False while another holder has it."""
    now = now or utcnow()
    expires = now + timedelta(seconds=seconds)
    insert = (postgresql if db.engine.dialect.name == "postgresql" else sqlite).insert
    db.session.execute(
        insert(SchedulerLease)
        .values(name=name, holder="", expires_at=now, renewed_at=now)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    taken = db.session.execute(
        update(SchedulerLease)
        .where(
            SchedulerLease.name == name,
            or_(SchedulerLease.holder == holder, SchedulerLease.expires_at <= now),
        )
        .values(holder=holder, expires_at=expires, renewed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return taken.rowcount == 1


def release(name: str, holder: str) -> None:
    """Give the lease up at a clean stop, so that another scheduler need not wait."""
    db.session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.name == name, SchedulerLease.holder == holder)
        .values(holder="", expires_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def holder_of(name: str) -> str | None:
    lease = db.session.get(SchedulerLease, name)
    return lease.holder if lease and lease.expires_at > utcnow() else None
