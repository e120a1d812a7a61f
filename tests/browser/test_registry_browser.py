"""A clerk keeps the member list: adds one, imports a spreadsheet with a bad row, fixes it.
A clerk of another commune cannot open that body."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.browser.conftest import shot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{base}/")


def member_sheet(path, second_gender: str) -> str:
    book = Workbook()
    for row in (
        ["Họ và tên", "Giới tính", "Năm sinh", "Dân tộc"],
        ["Lương Văn Hải", "Nam", 1980, "Tày"],
        ["Vi Thị Mai", second_gender, 1986, "Nùng"],
    ):
        book.active.append(row)
    book.save(path)
    return str(path)


def test_clerk_adds_and_imports_members_and_another_commune_is_kept_out(
    page, live_server, world, tmp_path, browser
):
    base, body = live_server, world.bodies["A"]
    sign_in(page, base, "clerk_a")
    page.click("a.unit-card")
    page.click(f"a[href='/org/bodies/{body}']")
    shot(page, "registry-body")

    page.click(f"a[href='/org/bodies/{body}/members/new']")
    page.fill("#full_name", "Hoàng Thị Lan")
    page.select_option("#gender", "female")
    page.fill("#birth_year", "1979")
    page.fill("#position", "Phó Bí thư")
    page.click("form button.btn-primary")
    page.wait_for_url(f"{base}/org/bodies/{body}")
    assert page.locator("#members").get_by_text("Hoàng Thị Lan").is_visible()

    page.click(f"a[href='/org/bodies/{body}/import']")
    page.set_input_files("#file", member_sheet(tmp_path / "bad.xlsx", "Không rõ"))
    page.click("form button.btn-primary")
    errors = page.locator("#import-errors")
    errors.wait_for()
    shot(page, "registry-import-error")
    assert "3" in errors.locator("tbody tr td").nth(0).inner_text()  # spreadsheet row 3
    assert "Giới tính" in errors.inner_text()

    page.set_input_files("#file", member_sheet(tmp_path / "good.xlsx", "Nữ"))
    page.click("form button.btn-primary")
    page.wait_for_url(f"{base}/org/bodies/{body}")
    table = page.locator("#members").inner_text()
    assert "Lương Văn Hải" in table and "Vi Thị Mai" in table and "Hoàng Thị Lan" in table
    assert table.count("Lương Văn Hải") == 1  # the failed import left nothing behind
    shot(page, "registry-imported")

    other = browser.new_context().new_page()
    sign_in(other, base, "clerk_b")
    answer = other.goto(f"{base}/org/bodies/{body}")
    assert answer.status == 403
    assert "Hoàng Thị Lan" not in other.content()
    shot(other, "registry-forbidden")
    other.context.close()
