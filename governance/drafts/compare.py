"""Side-by-side comparison of two versions, article by article, changes highlighted.

Units (an article with its clauses, a chapter heading, the preamble) are aligned by their
labels with difflib; within a pair, words are compared. Every piece of text is escaped
before the <del>/<ins> marks are put around it, so nothing a person typed becomes markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from governance.drafts.structure import Unit, parse, units

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Row:
    key: str
    heading: str
    state: str  # "same" | "changed" | "added" | "removed"
    left: Markup
    right: Markup


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _html(tokens: list[str], mark: str | None = None) -> Markup:
    text = escape("".join(tokens))
    return Markup(f'<{mark} class="diff-{mark}">{text}</{mark}>') if mark else text


def _pair(old: str, new: str) -> tuple[Markup, Markup]:
    a, b = _words(old), _words(new)
    left, right = Markup(), Markup()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left += _html(a[i1:i2])
            right += _html(b[j1:j2])
            continue
        if i2 > i1:
            left += _html(a[i1:i2], "del")
        if j2 > j1:
            right += _html(b[j1:j2], "ins")
    return left, right


def inline(old: str, new: str) -> Markup:
    """One text with the removed words struck through and the added ones marked."""
    a, b = _words(old), _words(new)
    out = Markup()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += _html(b[j1:j2])
            continue
        if i2 > i1:
            out += _html(a[i1:i2], "del")
        if j2 > j1:
            out += _html(b[j1:j2], "ins")
    return out


def proposal(version_text: str, article: str, proposed: str) -> Markup:
    """A change recommendation against the article it replaces, in the version it was on."""
    unit = next((u for u in units(parse(version_text)) if u.key == article), None)
    return inline(unit.plain.strip(), proposed) if unit else escape(proposed)


def _key(unit: Unit) -> str:
    return unit.key or "¶"


def compare(old_text: str, new_text: str) -> list[Row]:
    old, new = units(parse(old_text)), units(parse(new_text))
    matcher = difflib.SequenceMatcher(None, [_key(u) for u in old], [_key(u) for u in new])
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace"):
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            for left, right in pairs:
                rows.append(_row(left, right))
            rows += [_one(u, "removed") for u in old[i1 + len(pairs) : i2]]
            rows += [_one(u, "added") for u in new[j1 + len(pairs) : j2]]
        elif op == "delete":
            rows += [_one(u, "removed") for u in old[i1:i2]]
        else:
            rows += [_one(u, "added") for u in new[j1:j2]]
    return rows


def _row(left: Unit, right: Unit) -> Row:
    if left.plain == right.plain:
        text = escape(left.plain)
        return Row(right.key, right.heading, "same", text, text)
    a, b = _pair(left.plain, right.plain)
    return Row(right.key, right.heading or left.heading, "changed", a, b)


def _one(unit: Unit, state: str) -> Row:
    text = _html([unit.plain], "del" if state == "removed" else "ins")
    empty = Markup()
    return Row(
        unit.key, unit.heading, state, *((text, empty) if state == "removed" else (empty, text))
    )
