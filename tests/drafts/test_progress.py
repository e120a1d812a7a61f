"""Oversight providers of drafts (progress per unit, reminders), the checklist, the demo."""

from __future__ import annotations

from datetime import timedelta

from tests.api.test_query_counts import counted
from tests.drafts.conftest import in_review, new_draft, user, vote_on
from tests.voting.helpers import make_session


def _adopted_paper(app, client, world) -> None:
    from governance.drafts import service

    session = make_session(app, world, 5)
    with app.app_context():
        draft = new_draft(world, paper="regulation_executive")
        service.submit(draft, session.item, user(world, "clerk_a"))
    vote_on(client, world, session.item, 5)


def test_unit_progress_counts_by_unit(app, client, world):
    from governance.drafts import progress

    _adopted_paper(app, client, world)
    with app.app_context():
        in_review(world, new_draft(world, paper="programme_work"))
        new_draft(world)  # a draft without a required paper
        a, b = world.units["A"], world.units["B"]
        got = progress.unit_progress([a, b])
    required = 5
    assert got[a] == {"drafts_adopted": 1, "drafts_in_review": 1, "papers_missing": required - 2}
    assert got[b] == {"drafts_adopted": 0, "drafts_in_review": 0, "papers_missing": required}


def test_unit_progress_runs_a_constant_number_of_queries(app, world):
    from governance.drafts import progress

    with app.app_context():
        new_draft(world, paper="programme_work")
    few, many = [world.units["A"]], list(range(1, 2001))
    with app.app_context():
        with counted(app) as small:
            progress.unit_progress(few)
        with counted(app) as large:
            result = progress.unit_progress(many)
    assert len(small) == len(large) == 1
    assert len(large[0]) < 2000  # no IN list of 2,000 ids
    assert result[world.units["A"]]["papers_missing"] == 4


def test_checklist_shows_each_required_paper(app, client, world):
    from governance.drafts import progress
    from governance.org.models import Unit

    _adopted_paper(app, client, world)
    with app.app_context():
        in_review(world, new_draft(world, paper="programme_work"))
        from governance.extensions import db

        units = [db.session.get(Unit, world.units[c]) for c in ("A", "B")]
        rows = dict((u.code, states) for u, states in progress.checklist(units))
    assert rows["A"]["regulation_executive"].status == "adopted"
    assert rows["A"]["programme_work"].status == "review"
    assert rows["A"]["regulation_council"] is None
    assert all(state is None for state in rows["B"].values())


def test_reminders_before_and_after_the_deadline(app, world):
    from governance.core.database import utcnow
    from governance.drafts import reminders, review

    with app.app_context():
        draft = in_review(world, new_draft(world), days=1)
        review.add_comment(draft, {"version": 1, "text": "Ý kiến"}, user(world, "member_a"))
        until = draft.review_until
        draft_id = draft.id
        before = reminders.due_reminders(utcnow())
        after = reminders.due_reminders(until + timedelta(minutes=1))
        long_after = reminders.due_reminders(until + timedelta(days=30))
    assert [r.key.split(":")[0] for r in before] == ["draft-comments"]
    assert before[0].roles[0] == "member" and before[0].link == f"/drafts/{draft_id}"
    assert before[0].due_at == until - reminders.BEFORE_DEADLINE
    assert [r.key.split(":")[0] for r in after] == ["draft-handle"]
    assert after[0].roles == ("clerk",) and "còn 1 ý kiến" in after[0].subject
    assert long_after == []


def test_demo_has_the_regulations_in_review(app):
    from sqlalchemy import select

    from governance.core.seeding import seed_all
    from governance.drafts.models import Draft
    from governance.extensions import db

    with app.app_context():
        seed_all()
        draft = db.session.scalar(select(Draft))
        assert draft.paper == "regulation_executive" and draft.effective_status == "review"
        assert draft.unit.code == "DONG-DANG"
        assert any(c.proposed for c in draft.comments)
