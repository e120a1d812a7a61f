"""The dashboard: columns from discovered providers, filters and sort, a constant number of
SQL statements whatever the number of communes, the .xlsx export, the inspection record."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import event

from tests.conftest import csrf_from, web_login
from tests.oversight.conftest import add_body, add_meeting, local


def _hold_first_meeting(app, unit_id: int, kind: str) -> int:
    body = add_body(app, unit_id, kind)
    return add_meeting(
        app,
        body,
        local(2025, 7, 1, 8, 0),
        kind="first",
        status="closed",
        closed_at=datetime(2025, 7, 1, 5, 0, tzinfo=UTC),
        created_at=datetime(2025, 6, 20, 5, 0, tzinfo=UTC),
    )


def _board(app, province_code: str | None, **query):
    from governance.extensions import db
    from governance.org.models import Unit
    from governance.oversight.dashboard import board

    with app.app_context():
        province = (
            db.session.scalar(db.select(Unit).where(Unit.code == province_code))
            if province_code
            else None
        )
        result = board(province, **query)
        return {
            "codes": [r.unit.code for r in result.rows],
            "values": {r.unit.code: r.values for r in result.rows},
            "late": {r.unit.code: r.late for r in result.rows},
            "columns": [k for k, _ in result.columns],
            "counts": result.counts,
        }


def test_rows_hold_each_provider_s_columns(app, world):
    _hold_first_meeting(app, world.units["A"], "party_standing")
    _hold_first_meeting(app, world.units["A"], "party_executive")
    got = _board(app, "P1")
    assert got["codes"] == ["A", "B", "E"]  # by name: Xã An, Phường Bình sorts as "P"…
    a = got["values"]["A"]
    # world: A has a party_executive body already; two first meetings held (2 kinds of 2).
    assert a["first_meetings_held"] == 2 and a["first_meetings_due"] == 2
    assert a["meetings_held"] == 2
    assert (a["first_party_standing"], a["first_party_executive"]) == (True, True)
    assert a["first_people_council"] is None  # no such body: nothing to hold
    assert got["values"]["B"]["first_party_executive"] is False
    assert a["last_activity"].isoformat() == "2025-07-01"
    assert got["values"]["E"]["first_meetings_held"] == 0
    assert got["values"]["E"]["last_activity"] is None
    assert {"bodies_formed", "first_meetings_held", "dispatch_late"} <= set(got["columns"])
    assert "C" not in got["codes"]  # another province


def test_a_new_domain_s_columns_appear_without_change(app, world, fake_domain):
    got = _board(app, "P1", only="late")
    assert "congress_late" in got["columns"] and "fake_done" in got["columns"]
    assert got["columns"][-2:] == ["congress_late", "fake_done"]  # after the known domains
    odd = {code for code in ("A", "B", "E") if world.units[code] % 2}
    assert set(got["codes"]) == odd  # "late only": a `_late` column above zero
    assert all(got["late"].values())


def test_filters_and_sort(app, world):
    _hold_first_meeting(app, world.units["B"], "party_executive")
    got = _board(app, "P1", sort="first_meetings_held", desc=True)
    assert got["codes"][0] == "B"
    assert _board(app, "P1", search="bình")["codes"] == ["B"]
    incomplete = _board(app, "P1", only="incomplete")["codes"]
    assert "B" not in incomplete and "E" in incomplete


def _count_statements(app, run) -> int:
    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(_c, _cur, statement, *_a):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _add_communes(app, n: int) -> None:
    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.org.models import Body, Unit

    with app.app_context():
        province = db.session.scalar(db.select(Unit).where(Unit.code == "P1"))
        for i in range(n):
            unit = Unit(code=f"Q{i:03d}", name=f"Xã Q{i}", kind="commune", parent=province)
            body = Body(unit=unit, kind="party_standing", name="BTV", term="2025–2030", seats=9)
            meeting = Meeting(
                body=body,
                title="Phiên đầu",
                kind="first",
                status="planned",
                starts_at=local(2027, 1, 5, 8, 0),
            )
            db.session.add_all([unit, body, meeting])
        db.session.commit()


def _seed_providers(app, codes_like: str | None = None) -> set[str]:
    """Drafts and congress rows in the communes (all, or those whose code is LIKE
    `codes_like`) through each provider's bench_seed; answers the providers' modules."""
    from governance.extensions import db
    from governance.org.models import Unit
    from governance.oversight.dashboard import providers

    with app.app_context():
        query = db.select(Unit.id)
        if codes_like:
            query = query.where(Unit.code.like(codes_like))
        unit_ids = db.session.scalars(query).all()
        names = set()
        for module in providers():
            names.add(module.__name__)
            if hasattr(module, "bench_seed") and ".meetings." not in module.__name__:
                module.bench_seed(unit_ids)
        return names


def test_the_dashboard_page_runs_the_same_statements_for_3_or_600_communes(app, world, client):
    # every provider of the merged domains answers on these pages, over rows of its own
    names = _seed_providers(app)
    assert {"governance.drafts.progress", "governance.congress.progress"} <= names
    web_login(client, "inspector_p1")
    client.get("/oversight/provinces/P1")
    few = _count_statements(app, lambda: client.get("/oversight/provinces/P1"))
    _add_communes(app, 600)  # beyond the IN (…) limit: providers group the whole table
    _seed_providers(app, "Q%")
    page = []
    many = _count_statements(app, lambda: page.append(client.get("/oversight/provinces/P1")))
    assert page[0].status_code == 200 and "Xã Q599" in page[0].get_data(as_text=True)
    assert many == few
    values = _board(app, "P1")["values"]["Q599"]
    assert values["congress_total"] > 0 and values["drafts_in_review"] == 1
    web_login(client, "admin")
    national_few = _count_statements(app, lambda: client.get("/oversight/"))
    _add_communes_elsewhere(app)
    _seed_providers(app, "R%")
    assert _count_statements(app, lambda: client.get("/oversight/")) == national_few


def _add_communes_elsewhere(app) -> None:
    from governance.extensions import db
    from governance.org.models import Unit

    with app.app_context():
        province = db.session.scalar(db.select(Unit).where(Unit.code == "P2"))
        db.session.add_all(
            Unit(code=f"R{i:02d}", name=f"Xã R{i}", kind="commune", parent=province)
            for i in range(30)
        )
        db.session.commit()


def test_export_keeps_text_as_text(app, world, client):
    from governance.extensions import db
    from governance.org.models import Unit

    with app.app_context():
        db.session.get(Unit, world.units["B"]).name = '=HYPERLINK("http://x")'
        db.session.commit()
    web_login(client, "inspector_p1")
    answer = client.get("/oversight/export.xlsx?province=P1")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.data)).active
    names = {row[1].value: row[1].data_type for row in sheet.iter_rows(min_row=2)}
    assert names['=HYPERLINK("http://x")'] == "s"
    header = [c.value for c in sheet[1]]
    assert len(header) >= 7


def test_inspection_record_is_a_word_file_with_findings_and_answers(app, world, client):
    from docx import Document

    web_login(client, "inspector_p1")
    page = client.get("/oversight/units/A").get_data(as_text=True)
    answer = client.post(
        "/oversight/units/A/findings",
        data={
            "csrf_token": csrf_from(page),
            "item_key": "bodies_formed",
            "kind": "request",
            "text": "Bổ sung Ủy ban Kiểm tra <ngay>",
        },
    )
    assert answer.status_code == 302
    record = client.get("/oversight/units/A/record.docx")
    assert record.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(record.data)).paragraphs)
    assert "BIÊN BẢN KIỂM TRA" in text
    assert "Kiến nghị: Bổ sung Ủy ban Kiểm tra <ngay>" in text and "tại xã An" in text
    assert "(chưa trả lời)" in text


def test_cells_show_each_kind_of_value_and_escape_text():
    from datetime import date

    from governance.oversight.cells import cell, cells

    assert cell("dispatch_late", 2) == '<span class="badge bg-danger">2</span>'
    assert cell("dispatch_late", 0) == "0" and cell("meetings_held", 3) == "3"
    assert cell("last_activity", date(2026, 3, 5)) == "05/03/2026"
    assert "✓" in cell("first_x", True) and "✗" in cell("first_x", False)
    assert "–" in cell("congress_opens_on", None)
    assert cell("fake_note", "<b>") == "&lt;b&gt;"
    row = cells({"a_late": 1, "b": "x&y"}, ["a_late", "b", "c"])
    assert row.count("<td") == 3 and "x&amp;y" in row and "bg-danger" in row
