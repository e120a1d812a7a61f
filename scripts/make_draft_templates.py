"""Build the Word templates of drafts in document_templates/ (python-docx, docxtpl tags).

    python scripts/make_draft_templates.py

`draft_state.docx` / `draft_party.docx`: a draft's text (chapters, articles, clauses) under
the issuer's header; `draft_comments.docx`: the "Báo cáo tiếp thu, giải trình ý kiến" table.
Layout helpers come from scripts/make_document_templates.py (same formats, DOMAIN.md §6).
Render context: governance/drafts/word.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_document_templates import (
    CENTER,
    LEFT,
    OUT,
    _repeat_heading,
    add_run,
    closing_block,
    header,
    new_document,
    para,
    tag,
    title,
)


def body_text(doc) -> None:
    """One paragraph per line of the draft, formatted by what the line is."""
    tag(doc, "{%p for p in paragraphs %}")
    tag(doc, "{%p if p.style == 'chapter' %}")
    para(doc, "{{ p.text }}", bold=True, align=CENTER, after=Pt(0), before=Pt(6))
    tag(doc, "{%p elif p.style == 'chapter_title' %}")
    para(doc, "{{ p.text }}", bold=True, align=CENTER, after=Pt(6))
    tag(doc, "{%p elif p.style == 'heading' %}")
    p = para(doc, indent=True, before=Pt(6))
    add_run(p, "{{ p.label }}", bold=True)
    add_run(p, "{% if p.title %} {{ p.title }}{% endif %}", bold=True)
    tag(doc, "{%p else %}")
    para(doc, "{{ p.text }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def draft(style: str):
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    tag(doc, "{%p if version_line %}")
    para(doc, "{{ version_line }}", italic=True, size=13, align=CENTER, after=Pt(12))
    tag(doc, "{%p endif %}")
    body_text(doc)
    closing_block(doc)
    return doc


def comments_table(doc) -> None:
    headings = ["TT", "Điều, khoản", "Người góp ý", "Nội dung góp ý", "Tiếp thu, giải trình"]
    cells = [
        "{{ loop.index }}",
        "{{ c.article }}",
        "{{ c.author }}",
        "{{ c.content }}",
        "{{ c.handling }}",
    ]
    widths = [1.0, 2.2, 3.0, 5.8, 4.5]
    table = doc.add_table(rows=4, cols=len(headings))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        para(cell, text, bold=True, size=12, align=CENTER, after=Pt(0), first=True)
    _repeat_heading(table.rows[0])
    loop_row, data_row, end_row = table.rows[1], table.rows[2], table.rows[3]
    para(loop_row.cells[0], "{%tr for c in comments %}", size=12, align=LEFT, first=True)
    for index, (cell, text) in enumerate(zip(data_row.cells, cells, strict=True)):
        align = CENTER if index < 2 else LEFT
        para(cell, text, size=12, align=align, after=Pt(0), first=True)
    para(end_row.cells[0], "{%tr endfor %}", size=12, align=LEFT, first=True)


def comments(style: str):
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    tag(doc, "{%p for line in intro %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    comments_table(doc)
    closing_block(doc)
    return doc


TEMPLATES = {
    "draft_state": lambda: draft("state"),
    "draft_party": lambda: draft("party"),
    "draft_comments_state": lambda: comments("state"),
    "draft_comments_party": lambda: comments("party"),
}


def main(out: Path = OUT) -> None:
    out.mkdir(exist_ok=True)
    for name, build in TEMPLATES.items():
        doc = build()
        doc.core_properties.title = name
        doc.core_properties.author = "Hội nghị"
        doc.save(out / f"{name}.docx")
        print(f"wrote {out / name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
