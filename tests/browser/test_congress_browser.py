"""A clerk imports 50 cells, allocates 150 seats with a base of one, resolves the tie,
downloads the table, then opens the credentials page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.congress.test_delegates import ROSTER

pytestmark = pytest.mark.browser


def fifty_cells(path) -> str:
    """50 cells, 1,000 members: quotas m/10 above the base; 15 and 25 tie for the last seat."""
    book = Workbook()
    book.active.append(["Tên chi bộ", "Số đảng viên"])
    sizes = [(10, 20, 30)[i % 3] for i in range(48)] + [15, 25]
    for i, size in enumerate(sizes, start=1):
        book.active.append([f"Chi bộ số {i:02d}", size])
    book.save(path)
    return str(path)


def test_clerk_allocates_150_seats_over_50_cells_and_decides_the_tie(
    page, live_server, world, client, tmp_path
):
    base = live_server
    sign_in(page, base, "clerk_a")
    page.goto(f"{base}/congress/")
    page.fill("#opens_on", "01/03/2027")  # typed dd/mm/yyyy, whatever the browser
    page.fill("#ex_officio", "15")
    page.fill("#designated", "2")
    page.click("#new-congress button.btn-primary")
    page.wait_for_url(re.compile(r".*/congress/\d+$"))
    congress_id = int(page.url.rstrip("/").split("/")[-1])
    assert page.locator("#plan tbody tr").count() >= 8

    page.goto(f"{base}/congress/{congress_id}/allocation")
    page.set_input_files("#file", fifty_cells(tmp_path / "cells.xlsx"))
    page.click("#import-cells button")
    page.wait_for_url(f"{base}/congress/{congress_id}/allocation")
    page.fill("#seats", "150")
    page.fill("#minimum", "1")
    page.select_option("#method", "hamilton")
    page.click("#allocate button.btn-primary")
    tie = page.locator("#tie")
    tie.wait_for()
    assert "Chi bộ số 49, Chi bộ số 50" in tie.inner_text()
    assert page.locator("#working tbody tr").count() == 50
    assert page.locator("#seats-total").inner_text().strip() == "149 + 1 ?"

    page.check("#decide input[value='Chi bộ số 49']")
    page.fill("#reason", "Chi bộ số 49 là chi bộ cơ quan có nhiều tổ đảng")
    page.click("#decide button")
    page.locator("#tie-decided").wait_for()
    assert page.locator("#seats-total").inner_text().strip() == "150"
    shot(page, "congress-allocation")

    with page.expect_download() as caught:
        page.click("#export-xlsx")
    sheet = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 51 and rows[-1][-1] == 150
    assert next(r for r in rows if r[1] == "Chi bộ số 49")[-1] == 3  # 1 + 1.5 → 2, +1 decided

    for name, category, _cell, gender, born, ethnicity, education, theory, joined in ROSTER[:5]:
        client.post(
            f"/api/v1/congresses/{congress_id}/delegates",
            json={
                "full_name": name,
                "category": "designated" if category == "official" else category,
                "gender": gender,
                "birth_year": born,
                "ethnicity": ethnicity,
                "education": education,
                "theory_level": theory,
                "party_joined_on": joined,
            },
            headers=world.auth("clerk_a"),
        )
    page.click("a.nav-link[href$='/credentials']")
    page.locator("#chart-structure").wait_for()
    assert "40.0%" in page.locator("#figures").inner_text()  # 2 women of 5
    shot(page, "congress-credentials")
