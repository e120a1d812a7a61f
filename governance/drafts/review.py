"""Review of a draft: comment period, comments and change recommendations, their handling,
and the next version that takes the accepted changes in (one action for the clerk)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.core.records import snapshot
from governance.core.schemas import local_zone
from governance.drafts import structure
from governance.drafts.models import CommentState, Draft, DraftComment, DraftVersion, Status
from governance.drafts.service import add_version, check_changeable, record_change
from governance.extensions import db
from governance.org.people import person_name

MAX_COMMENT = 20_000


def open_review(draft: Draft, until: datetime, by: User) -> Draft:
    """Open (or extend) the comment period until `until` (aware)."""
    access.require(access.can_keep_drafts(by, draft.unit))
    check_changeable(draft, by)
    if draft.status == Status.SUBMITTED:
        raise Conflict(_("The draft is submitted to a meeting: withdraw it first."))
    if until <= utcnow():
        raise Invalid(fields={"until": _("The deadline must be in the future.")})
    record_change(draft, "review", by, status=Status.REVIEW, review_until=until)
    db.session.commit()
    return draft


def review_open(draft: Draft) -> bool:
    return (
        draft.status == Status.REVIEW
        and draft.review_until is not None
        and utcnow() <= draft.review_until
    )


def get_comment(draft: Draft, comment_id: int) -> DraftComment:
    comment = db.session.get(DraftComment, comment_id)
    if comment is None or comment.draft_id != draft.id:
        raise NotFound(_("This comment does not exist."))
    return comment


def add_comment(draft: Draft, data: dict, by: User) -> DraftComment:
    """A comment on a version (on one article when `article` is given), or a change
    recommendation when `proposed` carries replacement text for that article."""
    access.require(access.can_comment_drafts(by, draft.unit))
    if draft.effective_status == Status.ADOPTED:
        raise Conflict(_("This draft was adopted: its text is frozen and cannot change."))
    if not review_open(draft):
        raise Conflict(_("This draft is not open for comments (or the deadline has passed)."))
    text, proposed = (data.get("text") or "").strip(), (data.get("proposed") or "").strip()
    article = (data.get("article") or "").strip()
    version = draft.version_text(data["version"])
    if version is None:
        raise Invalid(fields={"version": _("There is no such version of this draft.")})
    if not text and not proposed:
        raise Invalid(fields={"text": _("Write a comment or a proposed text.")})
    if len(text) > MAX_COMMENT or len(proposed) > MAX_COMMENT:
        raise Invalid(fields={"text": _("The text is too long.")})
    keys = {u.key for u in structure.units(structure.parse(version.text)) if u.key}
    if article and article not in keys:
        raise Invalid(
            fields={"article": _("Version %(n)s has no %(a)s.", n=version.number, a=article)}
        )
    if proposed and not article.startswith("Điều"):
        raise Invalid(fields={"article": _("A proposed text replaces one article: choose it.")})
    comment = DraftComment(
        draft=draft,
        version=version.number,
        article=article,
        text=text,
        proposed=proposed,
        author=person_name(by),
        author_id=by.id,
    )
    db.session.add(comment)
    db.session.flush()
    audit.record(
        "comment", "draft", draft.id, unit_id=draft.body.unit_id, after=snapshot(comment), user=by
    )
    db.session.commit()
    return comment


def handle_comment(comment: DraftComment, decision: str, reason: str, by: User) -> DraftComment:
    """Accept or decline, with a reason (a declined one must say why). A decision can be
    changed until the change has gone into a version."""
    draft = comment.draft
    access.require(access.can_keep_drafts(by, draft.unit))
    check_changeable(draft, by)
    if decision not in (CommentState.ACCEPTED, CommentState.DECLINED):
        raise Invalid(fields={"decision": _("Accept or decline.")})
    reason = reason.strip()
    if decision == CommentState.DECLINED and not reason:
        raise Invalid(fields={"reason": _("Say why the comment is not taken in.")})
    if comment.applied_in is not None:
        raise Conflict(
            _("This change is already in version %(n)s.", n=comment.applied_in),
        )
    before = snapshot(comment)
    comment.state, comment.reason = decision, reason or "Tiếp thu."
    comment.handled_by, comment.handled_at = by.full_name or by.username, utcnow()
    db.session.flush()
    audit.record(
        "handle_comment",
        "draft",
        draft.id,
        unit_id=draft.body.unit_id,
        before=before,
        after=snapshot(comment),
        reason=reason,
        user=by,
    )
    db.session.commit()
    return comment


def pending_changes(draft: Draft) -> list[DraftComment]:
    """Accepted change recommendations not yet in a version, oldest first."""
    return [
        c
        for c in draft.comments
        if c.state == CommentState.ACCEPTED and c.proposed and c.applied_in is None
    ]


def apply_accepted(draft: Draft, by: User, note: str = "") -> DraftVersion:
    """The next version: the latest text with every accepted change put in its article."""
    access.require(access.can_keep_drafts(by, draft.unit))
    changes = pending_changes(draft)
    if not changes:
        raise Conflict(_("No accepted change is waiting to go into a version."))
    blocks = structure.parse(draft.latest.text)
    for change in changes:
        try:
            blocks = structure.replace_unit(blocks, change.article, change.proposed)
        except KeyError:
            raise Conflict(
                _(
                    "The latest version has no %(a)s any more: edit the text by hand.",
                    a=change.article,
                )
            ) from None
    taken = ", ".join(f"{c.article} ({c.author})" for c in changes)
    version = add_version(
        draft,
        structure.to_plain(blocks),
        draft.latest.number,
        by,
        note or f"Tiếp thu ý kiến: {taken}"[:300],
        source="changes",
        commit=False,
    )
    for change in changes:
        change.applied_in = version.number
    db.session.commit()
    return version


def comment_dict(comment: DraftComment) -> dict:
    zone = local_zone()
    return {
        "id": comment.id,
        "version": comment.version,
        "article": comment.article,
        "text": comment.text,
        "proposed": comment.proposed,
        "author": comment.author,
        "created_at": comment.created_at.astimezone(zone).isoformat(),
        "state": comment.state,
        "reason": comment.reason,
        "handled_by": comment.handled_by,
        "handled_at": comment.handled_at.astimezone(zone).isoformat()
        if comment.handled_at
        else None,
        "applied_in": comment.applied_in,
    }
