"""Database plumbing: SQLite pragmas and write locking, time columns."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
WRITE_WAIT_SECONDS = 10
BUSY_TIMEOUT_MS = 10_000


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def migrate_to_latest() -> None:
    """Apply every migration. Each domain keeps its own Alembic branch, hence "heads"."""
    from flask_migrate import upgrade

    upgrade(revision="heads")


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writing requests.

    A deferred transaction that reads and then writes fails with SQLITE_BUSY when another
    writer committed in between; taking the write lock up front makes writers queue
    instead (up to the busy timeout). Reading requests keep a deferred BEGIN.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A backup reads a snapshot and writes nothing: it must not hold writers back.
        reading = connection.info.pop("read_only", False) or (
            has_request_context() and request.method in READ_METHODS
        )
        if not reading:
            _take_write_turn(connection.info)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    for name in ("commit", "rollback"):
        event.listen(engine, name, lambda connection: _end_write_turn(connection.info))
    # A connection handed back without commit or rollback must not keep the turn.
    event.listen(engine.pool, "checkin", lambda _dbapi, record: _end_write_turn(record.info))


# SQLite lets one writer in at a time and makes the others sleep and retry (1, 2, 5 … 100
# ms). Threads of one process queue here instead, fairly and without sleeping; only the
# processes (gunicorn workers) still meet at SQLite's own lock.
_WRITE_TURN = threading.Lock()


def _take_write_turn(info: dict) -> None:
    if info.get("write_turn"):
        return
    if not _WRITE_TURN.acquire(timeout=WRITE_WAIT_SECONDS):
        raise TimeoutError("the database stayed busy; try again")
    info["write_turn"] = True


def _end_write_turn(info: dict) -> None:
    if info.pop("write_turn", False):
        _WRITE_TURN.release()
