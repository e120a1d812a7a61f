"""The cells and their member counts from a spreadsheet (.xlsx or .csv), as offices keep them.

Rows are read one at a time and the row limit is checked while reading, so a huge file
is refused without being read whole. Nothing is imported when any row is wrong.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from itertools import islice

from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from governance.core.errors import Invalid

MAX_ROWS = 5_000
NAME_TITLES = ("name", "chi bộ", "tên chi bộ", "đơn vị", "tên đơn vị", "tên chi bộ, đảng bộ")
MEMBER_TITLES = ("members", "số đảng viên", "đảng viên", "số lượng đảng viên")
EXPORT_TITLES = ("Tên chi bộ", "Số đảng viên")


def _key(title: object) -> str:
    return unicodedata.normalize("NFC", str(title or "")).strip().lower()


def read_cells(data: bytes, filename: str = "") -> tuple[list[dict], list[dict]]:
    """(rows [{name, members}], errors [{row, field, message}]) of a cell list."""
    if not data:
        raise Invalid(_("The file is empty."))
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data, filename)
    header = next(rows, None)
    if header is None:
        raise Invalid(_("The file has no header row."))
    keys = [_key(t) for t in header]
    try:
        name_at = next(i for i, k in enumerate(keys) if k in NAME_TITLES)
        members_at = next(i for i, k in enumerate(keys) if k in MEMBER_TITLES)
    except StopIteration:
        raise Invalid(
            _("The header row needs the columns: %(titles)s.", titles=", ".join(EXPORT_TITLES))
        ) from None
    cells, errors, seen = [], [], set()
    for number, row in enumerate(islice(rows, MAX_ROWS + 1), start=2):
        if number > MAX_ROWS + 1:
            raise Invalid(_("At most %(n)s rows can be imported at once.", n=MAX_ROWS))
        values = list(row) + [None] * 2
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        name = " ".join(str(values[name_at] or "").split())
        members = _whole(values[members_at])
        if not name:
            errors.append({"row": number, "field": "name", "message": _("Give the cell's name.")})
        elif name in seen:
            errors.append({"row": number, "field": "name", "message": _("Listed twice.")})
        if members is None:
            errors.append(
                {"row": number, "field": "members", "message": _("Give a whole number ≥ 0.")}
            )
        seen.add(name)
        cells.append({"name": name[:200], "members": members})
    if not cells and not errors:
        raise Invalid(_("The file lists no cells."))
    return cells, errors


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value < 10**9:
        return value
    return None


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise Invalid(
            _(
                "This file is not a readable .xlsx spreadsheet. "
                "Open it in Excel and save it as .xlsx, or as CSV UTF-8."
            )
        ) from None
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def _csv_rows(data: bytes, filename: str) -> Iterator[list]:
    if filename and not filename.lower().endswith((".csv", ".txt")):
        raise Invalid(_("Upload a .xlsx or .csv file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(_("The CSV file is not UTF-8 text. In Excel choose “CSV UTF-8”.")) from None
    if "\x00" in text:
        raise Invalid(_("The CSV file is not UTF-8 text. In Excel choose “CSV UTF-8”."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


# Delegates: the member columns of the app's own export, plus category, cell and order.
CATEGORY_WORDS = {
    "official": "official",
    "chính thức": "official",
    "đại biểu chính thức": "official",
    "alternate": "alternate",
    "dự khuyết": "alternate",
    "ex_officio": "ex_officio",
    "đương nhiên": "ex_officio",
    "designated": "designated",
    "chỉ định": "designated",
}
DELEGATE_TITLES = {
    "category": "category",
    "thành phần": "category",
    "cell": "cell",
    "chi bộ": "cell",
    "rank": "rank",
    "thứ tự dự khuyết": "rank",
}


def read_delegates(data: bytes, filename: str = "") -> list[tuple[int, dict]]:
    """[(spreadsheet row, values for DelegateSchema)] of a delegate list; the schema judges."""
    from governance.org.spreadsheet import GENDER_WORDS, HEADER_NAMES

    if not data:
        raise Invalid(_("The file is empty."))
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data, filename)
    header = next(rows, None)
    if header is None:
        raise Invalid(_("The file has no header row."))
    names = HEADER_NAMES | DELEGATE_TITLES
    fields = [names.get(_key(t)) for t in header]
    if "full_name" not in fields or "category" not in fields:
        raise Invalid(
            _("The header row needs the columns: %(titles)s.", titles="Họ và tên, Thành phần")
        )
    found = []
    for number, row in enumerate(islice(rows, MAX_ROWS + 1), start=2):
        if number > MAX_ROWS + 1:
            raise Invalid(_("At most %(n)s rows can be imported at once.", n=MAX_ROWS))
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        values: dict = {}
        for field, cell in zip(fields, row, strict=False):
            if field is None or cell is None or str(cell).strip() == "":
                continue
            text = str(cell).strip()
            if field == "gender":
                values[field] = GENDER_WORDS.get(_key(text), text)
            elif field == "category":
                values[field] = CATEGORY_WORDS.get(_key(text), text)
            elif field in ("birth_year", "rank"):
                values[field] = _whole(cell) if _whole(cell) is not None else text
            elif field == "party_joined_on":
                values[field] = _day(cell)
            else:
                values[field] = text
        found.append((number, values))
    return found


def _day(value: object) -> object:
    from datetime import date, datetime

    from governance.org.spreadsheet import DATE_FORMATS

    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return str(value)
