"""The number register: restarts, congress sequence, voiding, and concurrency on both DBs."""

from __future__ import annotations

import datetime
import threading

from sqlalchemy import select

from governance.documents import numbering
from governance.documents.models import NumberEntry
from governance.extensions import db
from tests.documents.conftest import new_document, user

DAY = datetime.date(2026, 2, 5)


def _take(unit_id, style="state", type_code="NQ", issuer="HĐND", body_kind=None, term=None,
          day=DAY):  # fmt: skip
    seq = numbering.sequence_for(unit_id, issuer, type_code, style, body_kind, term, day)
    entry = numbering.allocate(seq, type_code, style)
    db.session.commit()
    return entry.text


def test_state_numbers_restart_each_year(app, world):
    with app.app_context():
        unit = world.units["A"]
        assert _take(unit) == "Số: 01/NQ-HĐND"
        assert _take(unit) == "Số: 02/NQ-HĐND"
        assert _take(unit, type_code="QĐ") == "Số: 01/QĐ-HĐND"
        assert _take(unit, day=datetime.date(2027, 1, 2)) == "Số: 01/NQ-HĐND"
        assert _take(world.units["B"]) == "Số: 01/NQ-HĐND"  # each unit its own register


def test_party_numbers_run_per_type_per_term(app, world):
    with app.app_context():
        unit, term = world.units["A"], "2025–2030"
        party = {"style": "party", "issuer": "ĐU", "body_kind": "party_executive", "term": term}
        assert _take(unit, **party) == "Số 01-NQ/ĐU"
        assert _take(unit, **party, day=datetime.date(2027, 3, 1)) == "Số 02-NQ/ĐU"
        assert _take(unit, **party, type_code="BB") == "Số 01-BB/ĐU"
        assert _take(unit, **(party | {"term": "2030–2035"})) == "Số 01-NQ/ĐU"


def test_congress_papers_share_one_sequence(app, world):
    with app.app_context():
        unit = world.units["A"]
        congress = {"style": "party", "issuer": "ĐH", "body_kind": "congress", "term": "2025–2030"}
        assert _take(unit, **congress, type_code="NQ") == "Số 01-NQ/ĐH"
        assert _take(unit, **congress, type_code="BB") == "Số 02-BB/ĐH"
        assert _take(unit, **congress, type_code="CTr") == "Số 03-CTr/ĐH"


def test_voided_number_is_kept_and_not_reused(app, world):
    with app.app_context():
        from governance.documents import service

        first = new_document(world)
        service.void_number(first, "Nhập nhầm", user(world, "clerk_a"))
        second = new_document(world)
        assert first.number == "Số 01-NQ/ĐU" and second.number == "Số 02-NQ/ĐU"
        rows = db.session.scalars(select(NumberEntry).order_by(NumberEntry.seq)).all()
        assert [(r.seq, r.voided, r.void_reason) for r in rows] == [
            (1, True, "Nhập nhầm"),
            (2, False, ""),
        ]


def test_concurrent_allocation_has_no_gap_and_no_duplicate(app, world):
    threads_n, per_thread = 8, 12
    unit = world.units["A"]
    errors: list[BaseException] = []
    start = threading.Barrier(threads_n)

    def worker():
        try:
            with app.app_context():
                start.wait()
                for _ in range(per_thread):
                    _take(unit)
                db.session.remove()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with app.app_context():
        seqs = sorted(db.session.scalars(select(NumberEntry.seq)).all())
    assert seqs == list(range(1, threads_n * per_thread + 1))
