"""The operative part of a resolution: the text adopted (INTERFACES A), never the notes.

`adopted_for_item(item_id)` of the drafts domain gives the adopted draft as blocks. A state
resolution prints them as "Điều" articles; a Party conference resolution as numbered sections;
a regulation (`QC`) is promulgated: short articles, and the regulation itself attached on a
page of its own. Without an adopted text the resolution carries PLACEHOLDER, which signing
refuses (service.sign).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from governance.documents.contexts import Annex, AnnexLine, Article

try:  # provided by the drafts branch; until the merge, there is no adopted text
    from governance.drafts.service import adopted_for_item
except ImportError:  # pragma: no cover - depends on the merge
    adopted_for_item = None

PLACEHOLDER_MARK = "do văn phòng điền trước khi ký"
PLACEHOLDER = f"[Nội dung nghị quyết {PLACEHOLDER_MARK}]"
HEADINGS = {"chapter", "section", "article"}


@dataclass(frozen=True)
class Operative:
    articles: list[Article]
    annexes: list[Annex]
    title: str = ""  # the adopted text's title, for the summary line
    type_code: str = ""
    placeholder: bool = False


def adopted(item_id: int):
    """The adopted text of the item, or None (no drafts domain, or nothing adopted)."""
    if adopted_for_item is None:
        return None
    return adopted_for_item(item_id)


def has_placeholder(context_data: dict) -> bool:
    """True while any placeholder of this module is still in the document's content."""
    return PLACEHOLDER_MARK in repr(context_data)


def _label(block) -> str:
    return " ".join(p for p in (block.label, block.title) if p).strip()


def _articles(blocks, party: bool) -> list[Article]:
    """Blocks → articles (state: "Điều"; Party: the sections as labelled, "I.", "1.")."""
    articles: list[Article] = []
    for block in blocks:
        starts = block.kind == "article" or (party and block.kind in {"section", "clause"})
        if starts or not articles:
            articles.append(Article(heading=block.label or "", title=block.title))
            if block.text:
                articles[-1].paragraphs.append(block.text)
            continue
        line = " ".join(p for p in (block.label, block.title, block.text) if p).strip()
        if line:
            articles[-1].paragraphs.append(line)
    return articles


TYPE_NAMES = {"QC": "Quy chế", "QĐ": "Quy định", "CTr": "Chương trình", "KH": "Kế hoạch"}


def _regulation(text, of: str) -> Annex:
    """The regulation on its own pages: "QUY CHẾ" / "làm việc của …" / "(Ban hành kèm theo
    Nghị quyết số … ngày … của …)"; chapters centred on two lines, as Decree 30 prints them."""
    lines = []
    for block in text.blocks:
        if block.kind in {"chapter", "section"}:
            lines.append(AnnexLine(text=block.label, heading=True, centre=True))
            if block.title:
                lines.append(AnnexLine(text=block.title.upper(), heading=True, centre=True))
            if block.text:
                lines.append(AnnexLine(text=block.text))
        elif block.kind in HEADINGS:
            lines.append(AnnexLine(text=_label(block), heading=True))
            if block.text:
                lines.append(AnnexLine(text=block.text))
        else:
            lines.append(AnnexLine(text=" ".join(p for p in (_label(block), block.text) if p)))
    name = TYPE_NAMES.get(text.type_code, "Quy chế")
    if text.title.lower().startswith(name.lower()):
        rest = text.title[len(name) :].strip()
    else:
        name, _sep, rest = text.title.partition(" ")
    return Annex(
        title=name.upper() or "QUY CHẾ",
        summary=rest,
        note=f"(Ban hành kèm theo Nghị quyết số {{number}}{of})",
        lines=lines,
    )


def operative_for(
    item_id: int, *, party: bool, unit_text: str, effect: str, subject: str = "", of: str = ""
) -> Operative:
    """Articles (and annexes) of the item's resolution. `unit_text`: "xã Đồng Đăng";
    `subject`: what the item is about, the first article's title while its text is missing;
    `of`: " ngày … của <body>", after the number in a promulgated regulation's note."""
    text = adopted(item_id)
    if text is None:
        title = f"{subject[:1].upper()}{subject[1:]}"
        return Operative(
            articles=[
                Article(
                    heading="1." if party else "Điều 1.", title=title, paragraphs=[PLACEHOLDER]
                ),
                *_closing(party, unit_text, effect, start=2),
            ],
            annexes=[],
            placeholder=True,
        )
    if text.type_code == "QC":
        first = Article(
            heading="1." if party else "Điều 1.",
            paragraphs=[f"Ban hành kèm theo Nghị quyết này {text.title}."],
        )
        return Operative(
            articles=[first, *_closing(party, unit_text, effect, start=2)],
            annexes=[_regulation(text, of)],
            title=f"ban hành {text.title}",  # a document's name keeps its capital: "Quy chế …"
            type_code="QC",
        )
    return Operative(
        articles=_articles(text.blocks, party),
        annexes=[],
        title=text.title,
        type_code=text.type_code,
    )


_HEADING = re.compile(r"^(Điều\s+\d+\.|[IVXLC]+\.|\d+\.)\s*(.*)$")


def articles_from_text(text: str) -> list[Article]:
    """Typed operative text → articles: a line "Điều 1. Title" (or "I. …" / "1. …" in a
    Party resolution) opens an article; the lines after it are its paragraphs."""
    articles: list[Article] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _HEADING.match(line)
        if match and (line.startswith("Điều") or not articles or not articles[-1].paragraphs):
            articles.append(Article(heading=match.group(1), title=match.group(2)))
        elif articles:
            articles[-1].paragraphs.append(line)
        else:
            articles.append(Article(heading="", paragraphs=[line]))
    return articles


ANNEX_LINE = "PHỤ LỤC"


def split_annex(text: str) -> tuple[str, list[str]]:
    """A line "PHỤ LỤC" starts the appendix the clerk adds: it is printed on a page of its
    own "(Kèm theo Nghị quyết số …)". Without that line there is no appendix."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        if line.strip().upper() == ANNEX_LINE:
            rest = [x.strip() for x in lines[index + 1 :] if x.strip()]
            return "\n".join(lines[:index]), rest
    return text, []


def annex_of(lines: list[str], day_iso: str = "", of: str = "Nghị quyết") -> Annex:
    from governance.documents.wording import day_text

    day = f" {day_text(datetime.date.fromisoformat(day_iso))}" if day_iso else ""
    title, *rest = lines
    return Annex(
        title="PHỤ LỤC",
        summary=title,
        note=f"(Kèm theo {of} số {{number}}{day})",
        lines=[AnnexLine(text=x) for x in rest],
    )


def as_text(articles: list[Article], annexes: list[Annex] | None = None) -> str:
    """Articles (and the appendix) → the text the form shows; read back the same way."""
    lines = []
    for article in articles:
        lines.append(" ".join(p for p in (article.heading, article.title) if p))
        lines.extend(article.paragraphs)
    for annex in (a for a in annexes or [] if a.title == "PHỤ LỤC"):
        lines += [ANNEX_LINE, annex.summary, *(x.text for x in annex.lines)]
    return "\n".join(line for line in lines if line)


def _closing(party: bool, unit_text: str, effect: str, start: int) -> list[Article]:
    if party:
        return [
            Article(
                heading=f"{start}.",
                title="Tổ chức thực hiện",
                paragraphs=[
                    "Các chi bộ, đảng bộ trực thuộc và các cơ quan, đơn vị liên quan tổ chức "
                    "quán triệt, thực hiện Nghị quyết này."
                ],
            )
        ]
    return [
        Article(
            heading=f"Điều {start}.",
            title="Tổ chức thực hiện",
            paragraphs=[
                f"1. Giao Ủy ban nhân dân {unit_text} tổ chức thực hiện Nghị quyết này.",
                f"2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ "
                f"đại biểu và đại biểu Hội đồng nhân dân {unit_text} giám sát việc thực hiện "
                "Nghị quyết này.",
            ],
        ),
        Article(heading=f"Điều {start + 1}.", title="Hiệu lực thi hành", paragraphs=[effect]),
    ]
