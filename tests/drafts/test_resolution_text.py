"""The resolution of an adopted item carries the adopted text, never the discussion notes.

The operative part is built by the documents branch (governance/documents/operative.py,
INTERFACES A) from `governance.drafts.service.adopted_for_item`; until that branch is
merged it was marked xfail; now it must pass.
"""

from __future__ import annotations

import io

from docx import Document

from tests.drafts.conftest import TEXT, new_draft, user, vote_on
from tests.voting.helpers import make_session

NOTES = "Đại biểu Nguyễn Văn B đề nghị làm rõ phạm vi điều chỉnh."


def _adopted_item(app, client, world) -> int:
    from governance.drafts import service
    from governance.extensions import db
    from governance.meetings.models import AgendaItem

    session = make_session(app, world, 5)
    with app.app_context():
        item = db.session.get(AgendaItem, session.item)
        item.notes = NOTES
        db.session.commit()
        service.submit(new_draft(world), session.item, user(world, "clerk_a"))
    assert vote_on(client, world, session.item, 5).status_code in (200, 201)
    return session.item


def test_adopted_for_item_gives_the_adopted_blocks(app, client, world):
    from governance.drafts import service, structure

    item_id = _adopted_item(app, client, world)
    with app.app_context():
        adopted = service.adopted_for_item(item_id)
        assert adopted is not None and adopted.version == 1 and adopted.type_code == "QC"
        assert adopted.blocks == structure.parse(TEXT)
        assert service.adopted_for_item(999999) is None


def test_resolution_of_an_adopted_item_carries_the_adopted_text(app, client, world):
    from governance.documents import assembly
    from governance.extensions import db
    from governance.meetings.models import AgendaItem

    item_id = _adopted_item(app, client, world)
    with app.app_context():
        item = db.session.get(AgendaItem, item_id)
        document = assembly.draft_resolution(item, user(world, "clerk_a"))
        text = "\n".join(p.text for p in Document(io.BytesIO(document.docx)).paragraphs)
    assert "Quy chế này quy định chế độ làm việc của Ban Chấp hành." in text
    assert "Tập thể lãnh đạo, cá nhân phụ trách." in text
    assert NOTES not in text
