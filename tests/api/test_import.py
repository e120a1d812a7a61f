"""Member import: .xlsx and .csv, English or Vietnamese titles, all rows or none."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import Workbook, load_workbook


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, world, data: bytes, name: str, who: str = "clerk_a"):
    return client.post(
        f"/api/v1/bodies/{world.bodies['A']}/members/import",
        headers=world.auth(who),
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def members(client, world) -> list[dict]:
    return client.get(
        f"/api/v1/bodies/{world.bodies['A']}/members", headers=world.auth("clerk_a")
    ).get_json()


def test_xlsx_with_vietnamese_titles_and_excel_cells(client, world):
    data = xlsx(
        [
            ["Họ và tên", "Chức vụ", "Giới tính", "Năm sinh", "Dân tộc", "Ngày vào Đảng"],
            ["Lương Thị Hoa", "Phó Bí thư", "Nữ", 1979, "Tày", datetime(2003, 3, 2)],
            ["Vi Văn Toàn", "Ủy viên", "Nam", "1985", "Nùng", "15/08/2010"],
        ]
    )
    answer = upload(client, world, data, "danh-sach.xlsx")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {"created": 2, "errors": []}
    by_name = {m["full_name"]: m for m in members(client, world)}
    assert by_name["Lương Thị Hoa"]["gender"] == "female"
    assert by_name["Lương Thị Hoa"]["party_joined_on"] == "2003-03-02"
    assert by_name["Vi Văn Toàn"]["birth_year"] == 1985
    assert by_name["Vi Văn Toàn"]["party_joined_on"] == "2010-08-15"


def test_one_bad_row_imports_nothing_and_names_row_and_field(client, world):
    data = xlsx(
        [
            ["full_name", "gender", "birth_year"],
            ["Hà Văn Một", "male", 1970],
            ["Hà Thị Hai", "unknown", 1971],
            [None, "female", "nineteen"],
        ]
    )
    answer = upload(client, world, data, "members.xlsx")
    assert answer.status_code == 422
    report = answer.get_json()
    assert report["created"] == 0
    assert {(e["row"], e["field"]) for e in report["errors"]} == {
        (3, "gender"),
        (4, "full_name"),
        (4, "birth_year"),
    }
    assert all(e["message"] for e in report["errors"])
    assert {e["value"] for e in report["errors"]} == {"unknown", "", "nineteen"}
    assert [m["full_name"] for m in members(client, world)] == ["Nguyễn Văn A"]


def test_csv_with_bom_and_semicolons(client, world):
    data = "\ufeffHọ và tên;Giới tính;Năm sinh\nChu Văn Ba;Nam;1966\n".encode()
    answer = upload(client, world, data, "ds.csv")
    assert answer.get_json() == {"created": 1, "errors": []}


def test_missing_required_column_is_explained(client, world):
    answer = upload(client, world, xlsx([["Họ và tên"], ["Ai đó"]]), "x.xlsx")
    assert answer.status_code == 422
    assert "Giới tính" in answer.get_json()["error"]["message"]


def test_header_only_file_is_refused(client, world):
    answer = upload(client, world, xlsx([["full_name", "gender"]]), "x.xlsx")
    assert answer.status_code == 422


def test_export_round_trips_through_import(client, world, app):
    from governance.extensions import db
    from governance.org.models import Body, Member
    from governance.org.spreadsheet import export_members

    with app.app_context():
        body = db.session.get(Body, world.bodies["A"])
        body.members.append(
            Member(
                full_name="Đinh Thị Nga",
                gender="female",
                birth_year=1990,
                party_joined_on=date(2015, 1, 9),
                ethnicity="Dao",
            )
        )
        db.session.commit()
        exported = export_members(body.members, body.name)
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [c.value for c in sheet[1]][:3] == ["Họ và tên", "Chức vụ", "Giới tính"]
    assert sheet["C3"].value == "Nữ"
    answer = upload(client, world, exported, "export.xlsx")
    assert answer.get_json() == {"created": 2, "errors": []}
    names = sorted(m["full_name"] for m in members(client, world))
    assert names == ["Nguyễn Văn A", "Nguyễn Văn A", "Đinh Thị Nga", "Đinh Thị Nga"]
