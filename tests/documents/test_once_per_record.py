"""One resolution per adopted item, one set of minutes per meeting, however many clicks
arrive at once: the database refuses a second live document (issue 11, hardening 1)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from tests.api.test_documents_from_record import session_with_record


def _race(app, world, path: str, n: int) -> list[int]:
    start = threading.Barrier(n)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def worker():
        try:
            client = app.test_client()
            start.wait()
            answer = client.post(path, headers=world.auth("clerk_a"))
            statuses.append(answer.status_code)
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return sorted(statuses)


def _live(app, kind: str) -> tuple[int, int]:
    from governance.documents.models import Document, NumberEntry
    from governance.extensions import db

    with app.app_context():
        documents = db.session.scalar(
            select(func.count()).where(Document.kind == kind, Document.status != "void")
        )
        numbers = db.session.scalar(select(func.count()).select_from(NumberEntry))
        return documents, numbers


def test_simultaneous_requests_draft_one_resolution_and_one_minutes(client, world, app):
    s = session_with_record(client, world, app)
    resolution = _race(app, world, f"/api/v1/agenda/{s.items['pass']}/resolution", 8)
    assert resolution == [201] + [409] * 7
    assert _live(app, "resolution") == (1, 1)  # the refused ones took no number either
    minutes = _race(app, world, f"/api/v1/meetings/{s.meeting}/minutes", 6)
    assert minutes == [201] + [409] * 5
    assert _live(app, "minutes") == (1, 2)


def test_the_database_itself_refuses_a_second_live_document(app, world):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from governance.documents.models import Document
    from governance.extensions import db
    from tests.documents.conftest import new_document

    with app.app_context():
        first = new_document(world)
        first.source_key = "resolution:item:999"
        db.session.commit()
        second = new_document(world)
        second.source_key = "resolution:item:999"
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert (
            db.session.scalar(
                select(func.count()).where(Document.source_key == "resolution:item:999")
            )
            == 1
        )
