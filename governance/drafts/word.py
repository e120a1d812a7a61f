"""Word files of a draft: the text (export), an edited .docx read back (import), and the
summary of comments and how each was handled ("Báo cáo tiếp thu, giải trình ý kiến").

Exports fill `document_templates/draft_*.docx` (built by scripts/make_draft_templates.py,
editable in Word) with the documents domain's renderer; imports read paragraphs with
python-docx and recognise chapters, articles, clauses and points (structure.parse).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from docx import Document as open_docx
from flask_babel import gettext as _
from lxml import etree

from governance.core.errors import Invalid
from governance.core.schemas import local_zone
from governance.documents.letterhead import letterhead_for, style_of
from governance.documents.render import clean, template_from_path
from governance.documents.signers import body_signature
from governance.drafts.models import CommentState, Draft, DraftVersion, Status
from governance.drafts.structure import Block, parse
from governance.rules.formats import date_line

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "document_templates"
MAX_DOCX = 10 * 1024 * 1024
TYPE_NAMES = {
    "QC": "Quy chế",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
}


def split_title(draft: Draft) -> tuple[str, str]:
    """("QUY CHẾ", "làm việc của …"): the document type, then the summary line (Party
    documents write it in lower case, state documents start it with a capital)."""
    name = TYPE_NAMES.get(draft.type_code, "")
    title = draft.title.strip()
    if not (name and title.lower().startswith(name.lower())):
        return (name or title).upper(), title if name else ""
    return name.upper(), summary_case(title[len(name) :].strip(), draft.body.kind)


def summary_case(text: str, body_kind: str) -> str:
    first = text[:1].lower() if style_of(body_kind) == "party" else text[:1].upper()
    return first + text[1:]


def paragraphs(blocks: list[Block]) -> list[dict]:
    """What the template prints, one entry per paragraph."""
    out: list[dict] = []
    for block in blocks:
        lines = block.text.split("\n") if block.text else []
        if block.kind == "chapter" or (block.kind == "section" and " " in block.label):
            out.append({"style": "chapter", "text": block.label})
            if block.title:
                out.append({"style": "chapter_title", "text": block.title})
        elif block.kind in ("article", "section"):
            out.append({"style": "heading", "label": block.label, "title": block.title})
        elif block.kind in ("clause", "point"):
            first, *lines = lines or [""]
            out.append({"style": "body", "text": f"{block.label} {first}".strip()})
        out += [{"style": "body", "text": line} for line in lines]
    return out


def _frame(draft: Draft, day: date | None, type_code: str = "") -> dict:
    """Header, title, date line and signature block shared by both exports; `type_code`
    names what the paper is when it is not the draft itself (the comments report: BC)."""
    body = draft.body
    head = letterhead_for(body.unit, body.kind)
    code, kind_code = head.issuer_code, type_code or draft.type_code
    number = (
        f"Số      -{kind_code}/{code}" if head.style == "party" else f"Số:      /{kind_code}-{code}"
    )
    place = head.place or "…"
    line = (
        date_line(place, day) if day else f"{place}, ngày      tháng      năm {date.today().year}"
    )
    kind, summary = split_title(draft)
    return {
        "letterhead": head,
        "number": number,
        "date_line": line,
        "title": kind,
        "summary": summary,
        "signature": body_signature(body),
        "recipients": [f"Các đồng chí ủy viên {body.name}"],
        "archive_note": "",
    }


def export_docx(draft: Draft, version: DraftVersion) -> bytes:
    adopted = draft.effective_status == Status.ADOPTED and version.number == (
        draft.submitted_version
    )
    local = version.created_at.astimezone(local_zone())
    data = _frame(draft, None) | {
        "draft": not adopted,
        "version_line": (
            f"(Văn bản đã được thông qua, theo dự thảo lần {version.number})"
            if adopted
            else f"(Dự thảo lần {version.number}, ngày {local:%d/%m/%Y})"
        ),
        "paragraphs": paragraphs(parse(version.text)),
    }
    name = f"draft_{style_of(draft.body.kind)}.docx"
    return template_from_path(TEMPLATE_DIR / name).render(clean(data))


def comments_docx(draft: Draft, today: date) -> bytes:
    rows = [_comment_row(c) for c in draft.comments]
    counts = {state: sum(c.state == state for c in draft.comments) for state in CommentState}
    until = draft.review_until.astimezone(local_zone()) if draft.review_until else None
    frame = _frame(draft, today, type_code="BC")
    intro = [
        f"Thực hiện việc lấy ý kiến góp ý dự thảo {draft.title}"
        + (f" (hạn góp ý đến {until:%H giờ %M, ngày %d/%m/%Y})" if until else "")
        + f", đã nhận được {len(rows)} ý kiến: tiếp thu {counts[CommentState.ACCEPTED]}, "
        f"giải trình không tiếp thu {counts[CommentState.DECLINED]}, "
        f"chưa xử lý {counts[CommentState.OPEN]}. Cụ thể như sau:",
    ]
    data = frame | {
        "draft": False,
        "title": "BÁO CÁO",
        "summary": summary_case(
            f"Tiếp thu, giải trình ý kiến góp ý dự thảo {draft.title}", draft.body.kind
        ),
        "intro": intro,
        "comments": rows,
    }
    name = f"draft_comments_{style_of(draft.body.kind)}.docx"
    return template_from_path(TEMPLATE_DIR / name).render(clean(data))


def _comment_row(comment) -> dict:
    content = comment.text
    if comment.proposed:
        content = (content + "\n" if content else "") + f"Đề nghị sửa thành: {comment.proposed}"
    handling = {
        CommentState.ACCEPTED: "Tiếp thu",
        CommentState.DECLINED: "Không tiếp thu, giải trình",
        CommentState.OPEN: "Chưa xử lý",
    }[comment.state]
    reason = comment.reason.strip()
    if reason.lower().startswith(handling.lower()):
        handling = reason.rstrip(".")  # "Tiếp thu, bổ sung …" says it already
    elif reason:
        handling = f"{handling}: {reason}"
    if comment.applied_in:
        handling += f" (đã đưa vào dự thảo lần {comment.applied_in})"
    return {
        "article": comment.article or "Chung",
        "author": comment.author,
        "content": content,
        "handling": handling,
    }


# Import ---------------------------------------------------------------------------------


def read_docx(data: bytes, draft: Draft) -> str:
    """The draft's text from an edited Word file: body paragraphs in order, without the
    header table, the title lines and the signature block (tables are skipped)."""
    if len(data) > MAX_DOCX:
        raise Invalid(fields={"file": _("The file is too large: at most 10 MB.")})
    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise Invalid(fields={"file": _("This is not a Word (.docx) file.")}) from None
    kind, summary = split_title(draft)
    furniture = {s.strip().lower() for s in (kind, summary, draft.title, "dự thảo", "-----")}
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not lines and (not text or text.lower() in furniture or _is_version_line(text)):
            continue  # the title block above the text
        lines.append(text)
    text = "\n".join(lines).strip()
    if not text:
        raise Invalid(fields={"file": _("The file has no text.")})
    return text


def _is_version_line(text: str) -> bool:
    return text.startswith(("(Dự thảo lần", "(Văn bản đã được thông qua"))
