"""Group commit: one writer thread per process applies queued operations in ONE transaction.

When every request takes the write lock, writes and commits on its own, 32 concurrent
requests mean 32 hand-offs of the lock, each waiting for its thread to get the GIL back,
and across gunicorn workers SQLite's busy sleeps (1, 2, 5 … ms). Here a request queues its
operation and waits; the writer takes everything queued meanwhile, applies each operation
(each with its own checks: a refused one changes nothing of the others), commits
once and only then answers each request. If the transaction fails, every operation in it
gets the error and none of it was written: an answer is never given for an uncommitted write.

The queue lives in memory only and holds nothing after its transaction (no log, no disk).

Several app hosts on one PostgreSQL: each process has its own writer, and nothing here is
shared between them. What keeps the count right is in the database: every write is
guarded (UPDATE … WHERE the poll is open, INSERT … ON CONFLICT DO NOTHING on UNIQUE
(poll, member), UPDATE … WHERE seq is what was read), and a guard that finds the database
changed since the batch's read rolls the batch back and applies it vote by vote. The file
lock of `ProcessTurn` exists for SQLite only (one machine by nature), to wake the next
writer at once; it guards nothing on PostgreSQL and is not used there.
"""

from __future__ import annotations

import fcntl
import os
import queue
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

# Last resort only: the writer settles every operation it takes, within the database's own
# lock timeouts (core.database).
ANSWER_WAIT_SECONDS = 120

Run = Callable[[str, dict], Any]  # run(sql with :named parameters, params) -> DBAPI cursor
MAX_BATCH = 256  # operations per transaction (keeps statements built per batch bounded)


class Retry(Exception):
    """Raised by apply_all when a guard finds the database changed after its read: the
    transaction is rolled back and each operation is applied on its own (apply_one)."""


class _Pending:
    """One queued operation and, once its transaction ended, its outcome or error."""

    __slots__ = ("_done", "error", "op", "outcome")

    def __init__(self, op: Any) -> None:
        self.op, self.outcome, self.error = op, None, None
        self._done = threading.Lock()  # held until settled: the cheapest one-shot signal
        self._done.acquire()

    def settle(self, outcome: Any = None, error: BaseException | None = None) -> None:
        self.outcome, self.error = outcome, error
        self._done.release()

    def result(self) -> Any:
        if not self._done.acquire(timeout=ANSWER_WAIT_SECONDS):
            raise TimeoutError("the vote writer did not answer")
        if self.error is not None:
            raise self.error
        return self.outcome


class GroupCommit:
    """Applies queued operations, many per transaction, on a thread of its own.

    apply_all(run, ops) -> outcomes applies a whole batch (may raise Retry);
    apply_one(run, op) -> outcome applies one operation, undoing only its own writes if
    it is refused. order(op) sorts a batch.
    """

    def __init__(
        self,
        engine: Engine,
        apply_all: Callable[[Run, list], list],
        apply_one: Callable[[Run, Any], Any],
        order: Callable[[Any], Any],
    ) -> None:
        self.engine, self.apply_all, self.apply_one, self.order = (
            engine,
            apply_all,
            apply_one,
            order,
        )
        self.pid = os.getpid()  # a forked worker must start its own thread
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._turn = ProcessTurn.of(engine)
        self._thread = threading.Thread(target=self._loop, name="group-commit", daemon=True)
        self._thread.start()

    def submit(self, op: Any) -> Any:
        """Queue `op`; return its outcome once the transaction holding it has committed."""
        pending = _Pending(op)
        self._queue.put(pending)
        return pending.result()

    def _loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:  # what queued while the last batch was written
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)

    def _write(self, batch: list[_Pending]) -> None:
        # A stable order: on PostgreSQL two workers' batches then lock rows in the same
        # order (no deadlock); one member's operations keep the order they came in.
        batch.sort(key=lambda p: self.order(p.op))
        ops = [p.op for p in batch]
        try:
            try:
                outcomes = self._transaction(lambda run: self.apply_all(run, ops))
            except Retry:  # rolled back; now each on its own, with its own checks
                outcomes = self._transaction(lambda run: [self.apply_one(run, op) for op in ops])
        except BaseException as error:  # rolled back: nothing of the batch was written
            for p in batch:
                p.settle(error=error)
            return
        for p, outcome in zip(batch, outcomes, strict=True):
            p.settle(outcome)

    def _transaction(self, work: Callable[[Run], list]) -> list:
        """`work` in one transaction, committed before this returns."""
        # In this order: the pool's work is done outside the turn, and the turn ends
        # right after the commit.
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            with self.engine.connect() as connection, self._turn, connection.begin():
                return work(runner(connection.connection.cursor(), connection.dialect.paramstyle))
        except dbapi_error as error:  # raw cursor errors, as SQLAlchemy's (errors.py answers)
            raise DBAPIError.instance(None, None, error, dbapi_error) from error


class ProcessTurn:
    """The writers of all processes on one SQLite file take turns through a file lock.

    Waiting on SQLite's own lock means sleeping 1, 2, 5 … ms between retries; a file lock
    wakes the next writer as soon as the last one is done. Other writes (the chair's, the
    clerk's) still meet the writers at SQLite's lock, as before.
    """

    def __init__(self, path: str | None) -> None:
        self._fd = None if path is None else os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    @classmethod
    def of(cls, engine: Engine) -> ProcessTurn:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        if not database or database == ":memory:" or database.startswith("file:"):
            return cls(None)  # PostgreSQL locks rows, and waiting for them wakes at once
        return cls(f"{database}-writer.lock")

    def __enter__(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *_exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


def runner(cursor: Any, paramstyle: str) -> Run:
    """run(sql, params) on a DBAPI cursor: no SQLAlchemy compiling under the write lock."""

    def run(sql: str, params: dict) -> Any:
        cursor.execute(driver_sql(sql, paramstyle), params)
        return cursor

    return run


@lru_cache(maxsize=1024)
def driver_sql(sql: str, paramstyle: str) -> str:
    """`:name` parameters as the driver wants them (sqlite3 takes them as is; psycopg and
    other "pyformat" drivers want %(name)s)."""
    if paramstyle not in ("pyformat", "format"):
        return sql
    return re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql.replace("%", "%%"))


_STARTING = threading.Lock()


def writer_for(extensions: dict, key: str, make: Callable[[], GroupCommit]) -> GroupCommit:
    """The process's writer kept in app.extensions[key], started on first use."""
    writer = extensions.get(key)
    if writer is None or writer.pid != os.getpid():
        with _STARTING:
            writer = extensions.get(key)
            if writer is None or writer.pid != os.getpid():
                writer = extensions[key] = make()
    return writer
