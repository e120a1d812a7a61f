"""The structure of a Vietnamese regulation or resolution, from plain text and back.

Pure Python (no Flask, no database): chapters (`Chương I`), sections (`Mục 1`, or the Party
format's `I.`), articles (`Điều 1. Phạm vi điều chỉnh`), clauses (`1.`) and points (`a)`).
Rules of `parse`, chosen so that `parse(to_plain(blocks)) == blocks` for what it returns:
- a chapter's (or `Mục`'s) title is on its heading line or on the line after it;
- a line that starts no block belongs to the block above it (article, clause, point, section,
  paragraph: joined with a newline); after a chapter heading or at the top it starts a
  paragraph;
- blank lines mean nothing; labels are normalised (`Điều 3:` → `Điều 3.`, `CHƯƠNG II` →
  `Chương II`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

ROMAN = r"[IVXLC]+"
_CHAPTER = re.compile(rf"^chương\s+({ROMAN}|\d+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_PART = re.compile(r"^mục\s+(\d+|[IVXLC]+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_ROMAN_SECTION = re.compile(rf"^({ROMAN})\.\s+(\S.*)$")
_ARTICLE = re.compile(r"^điều\s+(\d+)\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_CLAUSE = re.compile(r"^(\d{1,3})\.(?:\s+(.*))?$")
_POINT = re.compile(r"^([a-zđ]\d?)\)(?:\s+(.*))?$")

HEADINGS = ("chapter", "section", "article")


@dataclass(frozen=True)
class Block:
    kind: str  # "chapter" | "section" | "article" | "clause" | "point" | "paragraph"
    label: str  # as printed: "Chương I", "Điều 1.", "1.", "a)", "I."; "" for a paragraph
    title: str  # heading text after the label ("Phạm vi điều chỉnh"); "" if none
    text: str  # body text of the block ("" for a chapter heading)


def _match(line: str) -> Block | None:
    """The block a line starts, or None when it continues the one above."""
    if m := _CHAPTER.match(line):
        return Block("chapter", f"Chương {m[1].upper()}", m[2].strip(), "")
    if m := _PART.match(line):
        return Block("section", f"Mục {m[1].upper()}", m[2].strip(), "")
    if m := _ARTICLE.match(line):
        return Block("article", f"Điều {m[1]}.", m[2].strip(), "")
    if m := _ROMAN_SECTION.match(line):
        return Block("section", f"{m[1]}.", m[2].strip(), "")
    if m := _CLAUSE.match(line):
        return Block("clause", f"{m[1]}.", "", (m[2] or "").strip())
    if m := _POINT.match(line):
        return Block("point", f"{m[1]})", "", (m[2] or "").strip())
    return None


def _takes_title_below(block: Block) -> bool:
    """`Chương I` / `Mục 1` alone on a line: the next line is its title."""
    return block.kind in ("chapter", "section") and not block.title and " " in block.label


def _joined(text: str, line: str) -> str:
    return f"{text}\n{line}" if text else line


def parse(text: str) -> list[Block]:
    """Plain text → blocks (see the module's rules)."""
    blocks: list[Block] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        started = _match(line)
        if started is not None:
            blocks.append(started)
            continue
        last = blocks[-1] if blocks else None
        if last is None:
            blocks.append(Block("paragraph", "", "", line))
        elif _takes_title_below(last):
            blocks[-1] = replace(last, title=line)
        elif last.kind == "chapter":
            blocks.append(Block("paragraph", "", "", line))
        else:
            blocks[-1] = replace(last, text=_joined(last.text, line))
    return blocks


def heading_line(block: Block) -> str:
    """`Điều 1. Phạm vi điều chỉnh`, `Chương I NHỮNG QUY ĐỊNH CHUNG`: label and title."""
    return f"{block.label} {block.title}".strip()


def to_plain(blocks: Iterable[Block]) -> str:
    """Blocks → plain text; a blank line before each chapter, section and article."""
    lines: list[str] = []
    for block in blocks:
        if block.kind in HEADINGS and lines:
            lines.append("")
        if block.kind in ("clause", "point"):
            first, *rest = block.text.split("\n") if block.text else [""]
            lines.append(f"{block.label} {first}".rstrip())
            lines.extend(rest)
            continue
        if block.kind == "paragraph":
            lines.extend(block.text.split("\n"))
            continue
        if " " in block.label and block.kind != "article":  # "Chương I" / "Mục 1"
            lines.append(block.label)
            if block.title:
                lines.append(block.title)
        else:
            lines.append(heading_line(block))
        if block.text:
            lines.extend(block.text.split("\n"))
    return "\n".join(lines) + ("\n" if lines else "")


# Units: an article with its clauses and points (what a comment or a change is about) -----


@dataclass(frozen=True)
class Unit:
    key: str  # "Điều 3." / "Chương I" / "" (the text before the first heading)
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def heading(self) -> str:
        return heading_line(self.blocks[0]) if self.blocks and self.key else ""

    @property
    def plain(self) -> str:
        return to_plain(self.blocks)


def units(blocks: Iterable[Block]) -> list[Unit]:
    """Split at each chapter, section and article; what follows belongs to it."""
    found: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind in HEADINGS or not found:
            key = block.label if block.kind in HEADINGS else ""
            found.append((key, [block]))
        else:
            found[-1][1].append(block)
    return [Unit(key, tuple(items)) for key, items in found]


def articles(blocks: Iterable[Block]) -> list[Block]:
    return [b for b in blocks if b.kind == "article"]


def replace_unit(blocks: list[Block], key: str, new_text: str) -> list[Block]:
    """The blocks with one unit (an article and its clauses) replaced by `new_text`.

    A replacement that does not start with the article's heading keeps the old heading."""
    parts = units(blocks)
    target = next((u for u in parts if u.key == key), None)
    if target is None:
        raise KeyError(key)
    replacement = parse(new_text)
    if not replacement or replacement[0].kind != target.blocks[0].kind:
        replacement = parse(f"{heading_line(target.blocks[0])}\n{new_text}")
    out: list[Block] = []
    for unit in parts:
        out.extend(replacement if unit is target else unit.blocks)
    return out
