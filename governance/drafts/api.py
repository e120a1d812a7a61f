"""JSON API for drafts (CONTRACT section 3). Thin: parse, call the service, answer."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import func, select

from governance.core.api import api_blueprint, api_user
from governance.core.downloads import attachment
from governance.core.errors import Invalid
from governance.drafts import review, service, word
from governance.drafts.models import Draft, DraftComment
from governance.drafts.schemas import (
    CommentCreateSchema,
    CommentDecisionSchema,
    CommentSchema,
    DraftCreateSchema,
    DraftDetailSchema,
    DraftSummarySchema,
    NextVersionSchema,
    ReviewSchema,
    SubmitSchema,
    VersionCreateSchema,
    VersionSchema,
)
from governance.extensions import db

blp = api_blueprint("drafts_api", "Drafts: regulations, programmes, draft resolutions")
PAGE = {"page_size": 50, "max_page_size": 500}


def _page(query, pagination_parameters):
    """One page of a query; the total goes to the X-Pagination header."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pagination_parameters.item_count = total
    size = pagination_parameters.page_size
    return db.session.scalars(
        query.offset((pagination_parameters.page - 1) * size).limit(size)
    ).all()


@blp.route("/bodies/<int:body_id>/drafts")
class BodyDrafts(MethodView):
    @blp.response(200, DraftSummarySchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, body_id, pagination_parameters):
        """The body's drafts, newest first."""
        service.get_body(body_id, api_user())
        drafts = _page(service.drafts_query(body_id=body_id), pagination_parameters)
        return [service.summary(d) for d in drafts]

    @blp.arguments(DraftCreateSchema)
    @blp.response(201, DraftSummarySchema)
    def post(self, data, body_id):
        """A new draft `{type_code, title, text}` (or `{starter}`): status draft, version 1."""
        body = service.get_body(body_id, api_user(), "keep")
        return service.summary(service.create_draft(body, data, api_user()))


@blp.route("/drafts/<int:draft_id>")
class DraftResource(MethodView):
    @blp.response(200, DraftDetailSchema)
    def get(self, draft_id):
        return service.detail(service.get_draft(draft_id, api_user()))


@blp.route("/drafts/<int:draft_id>/versions")
class Versions(MethodView):
    @blp.arguments(VersionCreateSchema)
    @blp.response(201, VersionSchema)
    @blp.alt_response(409, description="Stale `based_on` (the latest version travels along)")
    def post(self, data, draft_id):
        draft = service.get_draft(draft_id, api_user(), "keep")
        version = service.add_version(
            draft, data["text"], data["based_on"], api_user(), data["note"], source="api"
        )
        return service.version_dict(version)


@blp.route("/drafts/<int:draft_id>/comments")
class Comments(MethodView):
    @blp.response(200, CommentSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, draft_id, pagination_parameters):
        service.get_draft(draft_id, api_user())
        query = select(DraftComment).where(DraftComment.draft_id == draft_id)
        return [
            review.comment_dict(c)
            for c in _page(query.order_by(DraftComment.id), pagination_parameters)
        ]

    @blp.arguments(CommentCreateSchema)
    @blp.response(201, CommentSchema)
    def post(self, data, draft_id):
        """`{version, text}`; with `article` on one article; with `proposed`, a change."""
        draft = service.get_draft(draft_id, api_user(), "comment")
        return review.comment_dict(review.add_comment(draft, data, api_user()))


@blp.route("/drafts/<int:draft_id>/comments/<int:comment_id>/decision")
class Decision(MethodView):
    @blp.arguments(CommentDecisionSchema)
    @blp.response(200, CommentSchema)
    def post(self, data, draft_id, comment_id):
        """Accept or decline a comment with a reason."""
        draft = service.get_draft(draft_id, api_user(), "keep")
        comment = review.get_comment(draft, comment_id)
        handled = review.handle_comment(comment, data["decision"], data["reason"], api_user())
        return review.comment_dict(handled)


@blp.route("/drafts/<int:draft_id>/next-version")
class NextVersion(MethodView):
    @blp.arguments(NextVersionSchema)
    @blp.response(201, VersionSchema)
    def post(self, data, draft_id):
        """The next version, with every accepted change put in its article."""
        draft = service.get_draft(draft_id, api_user(), "keep")
        return service.version_dict(review.apply_accepted(draft, api_user(), data["note"]))


@blp.route("/drafts/<int:draft_id>/review")
class Review(MethodView):
    @blp.arguments(ReviewSchema)
    @blp.response(200, DraftSummarySchema)
    def post(self, data, draft_id):
        """Open the draft for comments until `until`."""
        draft = service.get_draft(draft_id, api_user(), "keep")
        return service.summary(review.open_review(draft, data["until"], api_user()))


@blp.route("/drafts/<int:draft_id>/submit")
class Submit(MethodView):
    @blp.arguments(SubmitSchema)
    @blp.response(200, DraftSummarySchema)
    def post(self, data, draft_id):
        """Submit the latest version to an agenda item; its vote adopts or returns it."""
        draft = service.get_draft(draft_id, api_user(), "keep")
        return service.summary(service.submit(draft, data["agenda_item_id"], api_user()))


@blp.route("/drafts/<int:draft_id>/withdraw")
class Withdraw(MethodView):
    @blp.response(200, DraftSummarySchema)
    def post(self, draft_id):
        draft = service.get_draft(draft_id, api_user(), "keep")
        return service.summary(service.withdraw(draft, api_user()))


@blp.route("/drafts/<int:draft_id>/docx")
class DraftWord(MethodView):
    def get(self, draft_id):
        """The latest version as a Word file."""
        draft = service.get_draft(draft_id, api_user())
        data = word.export_docx(draft, draft.latest)
        return attachment(data, file_name(draft, draft.latest.number))

    @blp.response(201, VersionSchema)
    def post(self, draft_id):
        """Import an edited .docx (multipart `file`, form field `based_on`) as a version."""
        draft = service.get_draft(draft_id, api_user(), "keep")
        upload = request.files.get("file")
        based_on = request.form.get("based_on", "")
        if upload is None or not based_on.isdigit():
            raise Invalid(fields={"file": _("Send a .docx file and the version it is based on.")})
        text = word.read_docx(upload.read(), draft)
        version = service.add_version(
            draft, text, int(based_on), api_user(), f"Nhập từ tệp Word {upload.filename}", "docx"
        )
        return service.version_dict(version)


def file_name(draft: Draft, number: int) -> str:
    """ASCII-safe name an office recognises: `du-thao-12-v3.docx`."""
    return f"du-thao-{draft.id}-v{number}.docx"
