"""An invitation names those it invites as the body calls them."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.voting.helpers import make_session


@pytest.mark.parametrize(
    ("kind", "invited"),
    [("people_council", "Các đồng chí đại biểu"), ("party_executive", "Các đồng chí thành viên")],
)
def test_a_council_invites_its_delegates(app, world, kind, invited):
    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.meetings.printing import invitation_docx

    s = make_session(app, world, 5, kind=kind)
    with app.app_context():
        data = invitation_docx(db.session.get(Meeting, s.meeting))
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for r in t.rows for c in r.cells
    ]
    assert any(t.startswith(invited) for t in texts), texts
