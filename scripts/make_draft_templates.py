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

from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_document_templates import (
    CENTER,
    OUT,
    add_run,
    closing_block,
    grid_table,
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
    closing_block(doc, style)
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
    grid_table(doc, headings, cells, widths, "for c in comments", left=(2, 3, 4))


def comments(style: str):
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    tag(doc, "{%p for line in intro %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    comments_table(doc)
    closing_block(doc, style)
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
