"""The structure parser: chapters, sections, articles, clauses, points; round trip."""

from __future__ import annotations

from governance.drafts.structure import Block, parse, replace_unit, to_plain, units

SAMPLE = """Căn cứ Điều lệ Đảng;
CHƯƠNG I
NHỮNG QUY ĐỊNH CHUNG
Điều 1: Phạm vi điều chỉnh
Quy chế này quy định chế độ làm việc.
1. Khoản một
  dòng tiếp theo của khoản một
a) Điểm a
đ) Điểm đ
Chương II. TRÁCH NHIỆM
Mục 1
BAN CHẤP HÀNH
I. TÌNH HÌNH
Điều 2.
"""


def test_parse_recognises_each_level():
    blocks = parse(SAMPLE)
    assert blocks[0] == Block("paragraph", "", "", "Căn cứ Điều lệ Đảng;")
    assert blocks[1] == Block("chapter", "Chương I", "NHỮNG QUY ĐỊNH CHUNG", "")
    assert blocks[2] == Block(
        "article", "Điều 1.", "Phạm vi điều chỉnh", "Quy chế này quy định chế độ làm việc."
    )
    assert blocks[3] == Block("clause", "1.", "", "Khoản một\ndòng tiếp theo của khoản một")
    assert [b.label for b in blocks[4:6]] == ["a)", "đ)"]
    assert blocks[6] == Block("chapter", "Chương II", "TRÁCH NHIỆM", "")
    assert blocks[7] == Block("section", "Mục 1", "BAN CHẤP HÀNH", "")
    assert blocks[8] == Block("section", "I.", "TÌNH HÌNH", "")
    assert blocks[9] == Block("article", "Điều 2.", "", "")


def test_round_trip_is_exact():
    blocks = parse(SAMPLE)
    assert parse(to_plain(blocks)) == blocks
    assert to_plain(parse(to_plain(blocks))) == to_plain(blocks)
    assert parse("") == [] and to_plain([]) == ""


def test_a_year_or_a_sentence_is_not_a_clause():
    blocks = parse("Điều 1. Hiệu lực\n2025. Năm bản lề\nNăm 2026 tiếp tục.")
    assert len(blocks) == 1
    assert blocks[0].text == "2025. Năm bản lề\nNăm 2026 tiếp tục."


def test_units_group_an_article_with_its_clauses():
    parts = units(parse(SAMPLE))
    assert [u.key for u in parts] == [
        "",
        "Chương I",
        "Điều 1.",
        "Chương II",
        "Mục 1",
        "I.",
        "Điều 2.",
    ]
    assert [b.label for b in parts[2].blocks] == ["Điều 1.", "1.", "a)", "đ)"]
    assert parts[2].heading == "Điều 1. Phạm vi điều chỉnh"


def test_replace_unit_keeps_the_heading_when_only_the_body_is_given():
    blocks = replace_unit(parse(SAMPLE), "Điều 1.", "Nội dung mới.\n1. Khoản mới")
    article = units(blocks)[2]
    assert article.blocks[0] == Block("article", "Điều 1.", "Phạm vi điều chỉnh", "Nội dung mới.")
    assert [b.text for b in article.blocks[1:]] == ["Khoản mới"]
    assert units(blocks)[3].key == "Chương II"  # the rest is untouched
