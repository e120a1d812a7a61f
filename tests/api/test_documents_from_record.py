"""Minutes, resolutions and counting reports assembled from what the session recorded."""

from __future__ import annotations

import io

from docx import Document as Docx

from tests.voting.helpers import make_session

ITEMS = {
    "pass": ("vote", "more_than_half"),
    "fail": ("vote", "more_than_half"),
    "elect": ("election", None),
}


def text_of(client, world, document_id: int) -> str:
    data = client.get(f"/api/v1/documents/{document_id}/docx", headers=world.auth("clerk_a")).data
    document = Docx(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def session_with_record(client, world, app):
    s = make_session(app, world, 30, items=ITEMS)
    chair = world.auth("chair_a")
    for key, yes in (("pass", 16), ("fail", 15)):
        answer = client.post(
            f"/api/v1/agenda/{s.items[key]}/votes",
            headers=chair,
            json={"method": "show_of_hands", "yes": yes, "no": 30 - yes, "abstain": 0},
        )
        assert answer.status_code in (200, 201), answer.get_json()
    election = client.post(
        f"/api/v1/agenda/{s.items['elect']}/election",
        headers=chair,
        json={"seats": 1, "alternates": 0, "candidates": ["Hoàng Thị Lan", "Vi Văn Toàn"]},
    ).get_json()
    counted = client.post(
        f"/api/v1/elections/{election['id']}/rounds",
        headers=chair,
        json={
            "ballots_issued": 30,
            "ballots_returned": 30,
            "invalid": 1,
            "votes": {"Hoàng Thị Lan": 20, "Vi Văn Toàn": 9},
            "base": 30,
        },
    )
    assert counted.status_code in (200, 201), counted.get_json()
    assert client.post(f"/api/v1/meetings/{s.meeting}/close", headers=chair).status_code == 200
    return s


def test_minutes_carry_attendance_votes_and_elections(client, world, app):
    s = session_with_record(client, world, app)
    answer = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=world.auth("secretary_a"))
    assert answer.status_code == 201, answer.get_json()
    minutes = answer.get_json()
    assert minutes["status"] == "draft" and minutes["number"].endswith("-BB/ĐU")
    text = text_of(client, world, minutes["id"])
    assert "Đại biểu 001" in text and "Biểu quyết pass" in text and "Biểu quyết fail" in text
    assert "16" in text and "15" in text
    assert "Kết quả: thông qua." in text and "Kết quả: không thông qua." in text
    assert "Hoàng Thị Lan" in text and "20" in text
    # The rule as the body's own law states it: a Party committee's, not the state's.
    assert "quá nửa tổng số ủy viên (Điều 9 Điều lệ Đảng)" in text and "72/2025" not in text
    again = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=world.auth("clerk_a"))
    assert again.status_code == 409
    assert again.get_json()["error"]["document_id"] == minutes["id"]


def test_an_adopted_item_yields_a_resolution_and_a_rejected_one_does_not(client, world, app):
    s = session_with_record(client, world, app)
    clerk = world.auth("clerk_a")
    rejected = client.post(f"/api/v1/agenda/{s.items['fail']}/resolution", headers=clerk)
    assert rejected.status_code == 409
    answer = client.post(f"/api/v1/agenda/{s.items['pass']}/resolution", headers=clerk)
    assert answer.status_code == 201, answer.get_json()
    resolution = answer.get_json()
    assert resolution["number"].startswith("Số 01-NQ/")
    text = text_of(client, world, resolution["id"])
    # A Party conference resolution: numbered sections, no state adoption sentence; the
    # summary is what the item is about, lowercase (Guidance 36).
    assert "QUYẾT NGHỊ:" in text and "\nvề pass\n" in text and "Điều 1." not in text
    assert "thông qua ngày" not in text and "Căn cứ Điều lệ Đảng" in text
    second = client.post(f"/api/v1/agenda/{s.items['pass']}/resolution", headers=clerk)
    assert second.status_code == 409


def test_the_counting_report_lists_ballots_and_votes(client, world, app):
    s = session_with_record(client, world, app)
    answer = client.post(
        f"/api/v1/agenda/{s.items['elect']}/counting-report", headers=world.auth("clerk_a")
    )
    assert answer.status_code == 201, answer.get_json()
    text = text_of(client, world, answer.get_json()["id"])
    assert "Hoàng Thị Lan" in text and "Vi Văn Toàn" in text and "29" in text


def test_documents_from_the_record_need_a_writer_of_the_unit(client, world, app):
    s = session_with_record(client, world, app)
    for who, status in (("member_a", 403), ("clerk_b", 403), ("inspector_p1", 403)):
        answer = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=world.auth(who))
        assert answer.status_code == status, who


def test_a_planned_meeting_has_no_minutes(client, world, app):
    s = make_session(app, world, 5, status="planned")
    answer = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=world.auth("clerk_a"))
    assert answer.status_code == 409


def test_the_meeting_page_offers_the_drafts_and_makes_them(client, world, app):
    from tests.conftest import csrf_from, web_login

    s = session_with_record(client, world, app)
    web_login(client, "secretary_a")
    page = client.get(f"/meetings/{s.meeting}").get_data(as_text=True)
    assert (
        f'data-outcome="{s.items["pass"]}"' in page and f'data-outcome="{s.items["fail"]}"' in page
    )
    assert f"/documents/from-record/resolution/{s.items['pass']}" in page
    assert f"/documents/from-record/resolution/{s.items['fail']}" not in page
    token = csrf_from(page)
    made = client.post(f"/documents/from-record/minutes/{s.meeting}", data={"csrf_token": token})
    assert made.status_code == 302 and "/documents/" in made.headers["Location"]
    again = client.post(f"/documents/from-record/minutes/{s.meeting}", data={"csrf_token": token})
    assert again.headers["Location"] == made.headers["Location"]  # opens the existing draft


def test_a_withdrawn_draft_voids_its_number_which_is_never_given_again(client, world, app):
    s = session_with_record(client, world, app)
    clerk = world.auth("clerk_a")
    first = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=clerk).get_json()
    short = client.post(f"/api/v1/documents/{first['id']}/void", headers=clerk, json={"reason": ""})
    assert short.status_code == 422
    voided = client.post(
        f"/api/v1/documents/{first['id']}/void", headers=clerk, json={"reason": "Nhầm kỳ họp"}
    )
    assert voided.status_code == 200 and voided.get_json()["status"] == "void"
    second = client.post(f"/api/v1/meetings/{s.meeting}/minutes", headers=clerk).get_json()
    assert second["number"] != first["number"]
    assert int(second["number"].split()[1].split("-")[0]) == 2
