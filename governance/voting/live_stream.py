"""Server-sent events: a screen keeps one request open and is told when the session moves.

The stream is driven by the database's state version (voting.live.probe, one statement),
so a change made through any app host reaches screens open on every other host. Between
checks no database connection is held: idle screens pin neither SQLite's WAL nor a
PostgreSQL pool. A stream ends after LIVE_STREAM_SECONDS; the browser's EventSource then
reconnects, which checks the account and its access again.

What a process keeps in memory only saves work and never decides anything: a stream slot
(each open stream holds a worker thread, so a process serves at most
LIVE_STREAMS_PER_PROCESS of them and answers 503 beyond; the page then polls), and the
version last read for a meeting, shared for one check interval by that meeting's streams:
a full hall costs about one probe per check and process instead of one per screen, and a
change reaches every screen within two intervals.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask import Flask

from governance.extensions import db
from governance.voting import live

RETRY_MS = 1000  # how soon EventSource reconnects after a stream ends
FORGET_AFTER = 60.0  # seconds: versions of meetings nobody follows any more are dropped


@dataclass(frozen=True)
class Timing:
    check: float  # seconds between two looks at the version
    heartbeat: float  # seconds of silence before a comment keeps proxies from hanging up
    duration: float  # seconds before the stream ends (the browser reconnects)

    @classmethod
    def of(cls, app: Flask) -> Timing:
        config = app.config
        return cls(
            float(config["LIVE_CHECK_SECONDS"]),
            float(config["LIVE_HEARTBEAT_SECONDS"]),
            float(config["LIVE_STREAM_SECONDS"]),
        )


class Streams:
    """One per app and process (app.extensions): its stream slots and recent versions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._size = 0
        self._slots = threading.BoundedSemaphore(1)
        self._seen: dict[int, tuple[float, str | None]] = {}
        self._open = 0
        self.era = 0  # end_all() moves it: streams of an earlier era end

    def end_all(self) -> None:
        """Every open stream ends at its next check (its screen reconnects): for a server
        that stops (a test's, or one that wants its threads back at once)."""
        with self._lock:
            self.era += 1

    @property
    def open_streams(self) -> int:
        with self._lock:
            return self._open

    def take_slot(self, size: int) -> Callable[[], None] | None:
        """A free slot's release, or None when `size` streams are open in this process."""
        with self._lock:
            if size != self._size:  # the setting changed: open streams keep the old pool
                self._size, self._slots = size, threading.BoundedSemaphore(max(size, 0) or 1)
            slots = self._slots
        if size <= 0 or not slots.acquire(blocking=False):
            return None
        once = threading.Lock()
        with self._lock:
            self._open += 1

        def release() -> None:  # once, however many times the response is closed
            if once.acquire(blocking=False):
                slots.release()
                with self._lock:
                    self._open -= 1

        return release

    def remember(self, meeting_id: int, version: str | None) -> None:
        now = time.monotonic()
        with self._lock:
            self._seen[meeting_id] = (now, version)
            if len(self._seen) > 256:
                self._seen = {m: s for m, s in self._seen.items() if now - s[0] < FORGET_AFTER}

    def version(self, meeting_id: int, max_age: float) -> str | None:
        """The meeting's version, read at most `max_age` seconds ago; None: no meeting.
        The connection goes back to the pool at once."""
        with self._lock:
            seen = self._seen.get(meeting_id)
        if seen is not None and time.monotonic() - seen[0] < max_age:
            return seen[1]
        try:
            found = live.probe(meeting_id)
        finally:
            db.session.close()
        self.remember(meeting_id, found[1] if found else None)
        return found[1] if found else None


def streams_of(app: Flask) -> Streams:
    return app.extensions.setdefault("live_streams", Streams())


def state_event(version: str) -> str:
    data = json.dumps({"version": version, "changed": True})
    return f"id: {version}\nevent: state\ndata: {data}\n\n"


def events(
    streams: Streams,
    meeting_id: int,
    since: str,
    current: str | None,
    timing: Timing,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[str]:
    """The stream's text: `retry`, then a `state` event whenever the version differs from
    what the screen has (`since`), a `: ping` comment after `heartbeat` seconds of
    silence; it ends after `duration` seconds, when the meeting is gone, or on end_all()."""
    yield f"retry: {RETRY_MS}\n\n"
    started = quiet_since = clock()
    era = streams.era
    while current is not None and streams.era == era:
        if current != since:
            since = current
            yield state_event(current)
            quiet_since = clock()
        elif clock() - quiet_since >= timing.heartbeat:
            yield ": ping\n\n"
            quiet_since = clock()
        left = timing.duration - (clock() - started)
        if left <= 0:
            return
        sleep(min(timing.check, left))
        current = streams.version(meeting_id, timing.check)
