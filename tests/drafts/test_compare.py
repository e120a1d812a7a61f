"""Side-by-side comparison of two versions, article by article, changes highlighted."""

from __future__ import annotations

from governance.drafts.compare import compare

OLD = """Điều 1. Phạm vi
Quy chế này quy định chế độ làm việc.
Điều 2. Nguyên tắc
Tập trung dân chủ.
Điều 3. Hiệu lực
Từ ngày ký.
"""
NEW = """Điều 1. Phạm vi
Quy chế này quy định chế độ làm việc <script>x</script> & quan hệ công tác.
Điều 3. Hiệu lực
Từ ngày ký.
Điều 4. Thi hành
Văn phòng theo dõi.
"""


def test_articles_are_aligned_and_changes_marked():
    rows = compare(OLD, NEW)
    assert [(r.key, r.state) for r in rows] == [
        ("Điều 1.", "changed"),
        ("Điều 2.", "removed"),
        ("Điều 3.", "same"),
        ("Điều 4.", "added"),
    ]
    changed = rows[0]
    assert '<ins class="diff-ins">' in changed.right and "<del" not in changed.right
    assert "&lt;script&gt;x&lt;/script&gt;" in changed.right and "<script>" not in changed.right
    assert "&amp;" in changed.right
    assert '<del class="diff-del">' in rows[1].left and rows[1].right == ""
    assert rows[2].left == rows[2].right and "<ins" not in rows[2].right
    assert '<ins class="diff-ins">' in rows[3].right


def test_same_text_has_no_marks():
    rows = compare(OLD, OLD)
    assert all(r.state == "same" for r in rows)
    assert all("<ins" not in r.right and "<del" not in r.left for r in rows)


def test_a_proposal_is_shown_against_its_article():
    from governance.drafts.compare import proposal

    shown = proposal(OLD, "Điều 2.", "Điều 2. Nguyên tắc\nTập trung dân chủ, <công khai>.")
    assert '<ins class="diff-ins">' in shown and "&lt;công" in shown
    assert "Điều 2. Nguyên tắc" in shown
    assert proposal(OLD, "Điều 9.", "x<y") == "x&lt;y"  # no such article: the text, escaped
