"""The national page counts from the providers' flag sets and lists only the rows it shows:
it must agree with the full rows of `board()` (the province pages, the export) on a varied
country, through the providers' IN (…) path and through their whole-table path."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import web_login
from tests.oversight.conftest import add_body, add_meeting

LATE = {"A", "B", "F", "H"}
INCOMPLETE = {"B", "C", "E", "G", "I", "J"}


@pytest.fixture
def country(app, world):
    """Three provinces; late dispatch (invitation, papers), meetings not late (far ahead,
    sent, already begun), first meetings complete / partial / none, late milestones (of the
    latest congress only), communes without bodies or with no body that holds a first
    meeting."""
    from governance.core.database import utcnow
    from governance.extensions import db
    from governance.org.models import Unit

    with app.app_context():
        p3 = Unit(code="P3", name="Tỉnh Ba", kind="province")
        new = {
            code: Unit(code=code, name=name, kind="commune", parent=p3)
            for code, name in (
                ("F", "Xã Phong"),
                ("G", "Phường Giang"),
                ("H", "Xã Hòa"),
                ("I", "Xã Im"),
                ("J", "Xã Kiểm"),
            )
        }
        db.session.add_all([p3, *new.values()])
        db.session.commit()
        units = world.units | {code: unit.id for code, unit in new.items()}
    now = utcnow()

    def days(n: float):
        return now + timedelta(days=n)

    held = {"kind": "first", "status": "closed", "closed_at": days(-20)}

    def first(code: str, kind: str, body: int | None = None) -> int:
        body = body or add_body(app, units[code], kind)
        add_meeting(app, body, days(-20), **held)
        return body

    # A: invitation late (5 working days, opens in 2); both first meetings held; a late milestone
    add_meeting(app, world.bodies["A"], days(2))
    first("A", "party_executive", world.bodies["A"])
    first("A", "party_standing")
    # B: invitation sent, papers late (3 working days); its first meeting not held
    add_meeting(app, world.bodies["B"], days(2), invitation_sent_at=days(-1))
    # C: unsent but far ahead, or already begun: not late; People's Council not met yet
    add_meeting(app, world.bodies["C"], days(60))
    add_meeting(app, world.bodies["C"], days(-0.05))
    first("C", "party_executive", world.bodies["C"])
    add_body(app, units["C"], "people_council")
    # F: invitation late (20 calendar days, opens in 10); two Standing Committees, one met
    council = first("F", "people_council")
    add_meeting(app, council, days(10), papers_sent_at=days(-1))
    first("F", "party_standing")
    add_body(app, units["F"], "party_standing", "Ban Thường vụ (cũ)")
    # G: everything sent; its first meeting only planned; milestones on time
    standing = add_body(app, units["G"], "party_standing")
    add_meeting(app, standing, days(3), kind="first", invitation_sent_at=now, papers_sent_at=now)
    add_meeting(app, standing, days(30), invitation_sent_at=now, papers_sent_at=now)
    # H: papers not sent but not due yet (7 days, opens in 15); complete; a late milestone
    first("H", "people_committee")
    council = add_body(app, units["H"], "people_council")
    add_meeting(app, council, days(15), invitation_sent_at=now)
    first("H", "people_council", council)
    # J: only a body without a first meeting to check; E and I: no body at all
    add_body(app, units["J"], "party_inspection")
    today = now.date()
    _congress(app, units["A"], today, [(today - timedelta(days=1), None)])
    _congress(app, units["C"], today - timedelta(days=400), [(today - timedelta(days=500), None)])
    _congress(app, units["C"], today, [(today - timedelta(days=3), today - timedelta(days=4))])
    _congress(
        app,
        units["G"],
        today,
        [(today - timedelta(days=1), today - timedelta(days=2)), (today + timedelta(1), None)],
    )
    _congress(app, units["H"], today, [(today - timedelta(days=2), None)])
    return units


def _congress(app, unit_id: int, opens: date, milestones: list) -> None:
    from governance.congress.models import Congress, Milestone
    from governance.extensions import db

    with app.app_context():
        congress = Congress(unit_id=unit_id, term="2025–2030", opens_on=opens + timedelta(60))
        db.session.add(congress)
        db.session.flush()
        db.session.add_all(
            Milestone(congress_id=congress.id, title="Mốc", due_on=due, done_on=done)
            for due, done in milestones
        )
        db.session.commit()


@pytest.fixture(params=["in_list", "whole_table"])
def path(request, monkeypatch):
    """The providers with few ids send them as IN (…); with many, they read every unit."""
    if request.param == "whole_table":
        from governance.congress import progress as congress
        from governance.drafts import progress as drafts
        from governance.meetings import progress as meetings
        from governance.oversight import progress as bodies

        for module in (congress, drafts, meetings, bodies):
            monkeypatch.setattr(module, "IN_LIMIT", 0)
    return request.param


def _rows(rows) -> list[tuple]:
    return [(r.unit.code, r.values, r.late, r.incomplete) for r in rows]


def test_national_counts_equal_the_province_boards(app, country, path):
    from governance.extensions import db
    from governance.oversight import dashboard, national

    with app.app_context():
        provinces = dashboard.provinces()
        page = national.page(provinces)
        full = dashboard.board(None)
        assert {r.unit.code for r in full.rows if r.late} == LATE  # the data is varied
        assert {r.unit.code for r in full.rows if r.incomplete} == INCOMPLETE
        assert page.board.counts == full.counts
        assert page.board.total == full.total == 9 and page.board.rows == []
        for line in page.summary:
            province = db.session.merge(line["province"])
            expected = dashboard.board(province).counts
            assert {k: v for k, v in line.items() if k != "province"} == expected
        assert [line["province"].code for line in page.summary] == ["P3", "P2", "P1"]


@pytest.mark.parametrize(
    "only, search, sort, desc",
    [
        ("late", "", "name", False),
        ("incomplete", "", "code", True),
        ("", "xã", "name", True),
        ("late", "x", "dispatch_late", True),
        ("incomplete", "", "first_meetings_due", False),
        ("", "PHƯỜNG", "bodies_formed", False),
        ("late", "", "no-such-column", False),
    ],
)
def test_national_list_equals_the_filtered_rows(app, country, path, only, search, sort, desc):
    from governance.oversight import dashboard, national

    with app.app_context():
        page = national.page(dashboard.provinces(), only, search, sort, desc)
        expected = dashboard.board(None, only, search, sort, desc).rows
        assert expected and _rows(page.board.rows) == _rows(expected)
        assert page.board.matched == len(expected)
        per_province = [
            row
            for province in dashboard.provinces()
            for row in dashboard.board(province, only, search).rows
        ]
        assert {r.unit.code for r in per_province} == {r.unit.code for r in expected}


def test_the_list_stops_at_the_national_limit(app, country, monkeypatch):
    from governance.oversight import dashboard, national

    monkeypatch.setattr(national, "NATIONAL_ROWS", 2)
    with app.app_context():
        for sort in ("name", "dispatch_late"):
            page = national.page(dashboard.provinces(), "incomplete", "", sort, True)
            expected = dashboard.board(None, "incomplete", "", sort, True).rows
            assert _rows(page.board.rows) == _rows(expected[:2])
            assert page.board.matched == len(INCOMPLETE)


def test_a_provider_without_flag_sets_is_asked_for_its_rows(app, world, fake_domain):
    # the fake domain's `congress_late` (1 for odd ids) stands in for the real one's column
    from governance.core.database import utcnow
    from governance.oversight import dashboard, national

    add_meeting(app, world.bodies["B"], utcnow() + timedelta(days=1))  # late dispatch
    with app.app_context():
        page = national.page(dashboard.provinces(), "late")
        expected = dashboard.board(None, "late")
        assert page.board.counts == expected.counts
        assert _rows(page.board.rows) == _rows(expected.rows)
        odd = {code for code in "ACE" if world.units[code] % 2}
        assert odd and {r.unit.code for r in expected.rows} == odd | {"B"}


def test_the_national_page_shows_counts_and_the_rows_asked(app, country, client, monkeypatch):
    from governance.oversight import national

    web_login(client, "admin")
    page = client.get("/oversight/").get_data(as_text=True)
    assert 'id="count-late">4<' in page and 'id="count-incomplete">6<' in page
    assert 'id="communes"' not in page and "Tỉnh Ba" in page
    monkeypatch.setattr(national, "NATIONAL_ROWS", 2)
    page = client.get("/oversight/?only=incomplete").get_data(as_text=True)
    assert page.count('data-code="') == 2 and "6 trên 9 xã" in page
    assert "Đang hiện 2 xã đầu" in page
    found = client.get("/oversight/?q=h%C3%B2a").get_data(as_text=True)
    assert 'data-code="H"' in found and found.count('data-code="') == 1


def test_late_dispatch_in_sql_follows_the_deadline_rule_on_every_day(app, world):
    """`_dispatch_late` compares openings with the first day still on time; count by hand
    with `dispatch_dues` (the reminders' rule) for openings 0–45 days ahead, early and late
    in the local day, seen from each day of a week at both ends of the day."""
    from sqlalchemy import insert

    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.meetings.progress import _dispatch_late, dispatch_dues
    from governance.meetings.standard import dispatch_rules
    from governance.org.models import Body, Unit
    from tests.oversight.conftest import local

    start = local(2026, 3, 2, 0, 30)  # a Monday
    openings = [
        start.replace(hour=hour, minute=0) + timedelta(days=n)
        for n in range(46)
        for hour in (1, 23)
    ]
    with app.app_context():
        province = db.session.get(Unit, world.units["P1"])
        plan: dict[int, tuple[str, bool]] = {}  # unit id: (kind, invitation sent?)
        for n, kind in enumerate(dispatch_rules()):
            for sent in (False, True):
                unit = Unit(code=f"K{n}-{sent:d}", name=kind, kind="commune", parent=province)
                body = Body(unit=unit, kind=kind, name=kind, term="2025–2030", seats=9)
                db.session.add_all([unit, body])
                db.session.flush()
                plan[unit.id] = (kind, sent)
                db.session.execute(
                    insert(Meeting),
                    [
                        {
                            "body_id": body.id,
                            "title": "Họp",
                            "kind": "regular",
                            "starts_at": at,
                            "invitation_sent_at": start if sent else None,
                        }
                        for at in openings
                    ],
                )
        db.session.commit()
        for n in range(7):
            for now in (start + timedelta(days=n), start + timedelta(days=n, hours=23)):
                today = now.date()
                expected = {}
                for unit_id, (kind, sent) in plan.items():
                    late = 0
                    for at in openings:
                        invitation, papers = dispatch_dues(kind, at.date())
                        late += at > now and (today > papers or (not sent and today > invitation))
                    if late:
                        expected[unit_id] = late
                assert _dispatch_late(set(plan), now) == expected, now
                assert expected


def test_an_empty_country_has_zero_counts(app):
    from governance.oversight import dashboard, national

    with app.app_context():
        assert national.flags([]) == national.Flags(set(), set())
        page = national.page(dashboard.provinces(), "late", "x")
        assert page.board.counts == dashboard.tally([]) and page.board.rows == []
        assert page.board.matched == 0 and page.summary == []
