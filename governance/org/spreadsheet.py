"""Member lists to and from spreadsheets (.xlsx, .csv), as offices keep them.

Parsing only turns cells into the values the member schema expects; the schema decides
what is valid, so a row is judged the same way as a form or an API call.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from governance.core.errors import Invalid
from governance.org.models import Member

# (field, column title in the app's own export). English field names are accepted too.
MEMBER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("full_name", "Họ và tên"),
    ("position", "Chức vụ"),
    ("gender", "Giới tính"),
    ("birth_year", "Năm sinh"),
    ("ethnicity", "Dân tộc"),
    ("education", "Trình độ chuyên môn"),
    ("theory_level", "Lý luận chính trị"),
    ("party_joined_on", "Ngày vào Đảng"),
)
REQUIRED_COLUMNS = ("full_name", "gender")
GENDER_WORDS = {"male": "male", "nam": "male", "female": "female", "nữ": "female", "nu": "female"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class SheetRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict


def _key(title: object) -> str:
    return unicodedata.normalize("NFC", str(title or "")).strip().lower()


HEADER_NAMES = {_key(field): field for field, _t in MEMBER_COLUMNS} | {
    _key(title): field for field, title in MEMBER_COLUMNS
}


def read_member_rows(data: bytes, filename: str = "", limit: int | None = None) -> list[SheetRow]:
    """Rows of a .xlsx or .csv member list, or Invalid with a message a clerk can act on.

    Rows are read one at a time and the reading stops as soon as the file has more than
    `limit` rows (IMPORT_MAX_ROWS): a file of a million rows costs what 5,000 cost."""
    if not data:
        raise Invalid(_("The file is empty."))
    limit = current_app.config["IMPORT_MAX_ROWS"] if limit is None else limit
    is_zip = data[:4] == b"PK\x03\x04"
    if filename.lower().endswith((".xlsx", ".xlsm")) or is_zip:
        with _xlsx_table(data) as table:
            return _rows(table, limit)
    if filename.lower().endswith((".csv", ".txt")) or not filename:
        return _rows(_csv_table(data), limit)
    raise Invalid(_("Upload a .xlsx or .csv file."))


NOT_XLSX = _l(
    "This file is not a readable .xlsx spreadsheet. "
    "Open it in Excel and save it as .xlsx, or as CSV UTF-8."
)
# What the archive may unpack to: a 5,000-row member list is well under 5 MB of XML.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_COLUMNS = 64  # cells read per row (the member list has 8 columns)


@contextmanager
def _xlsx_table(data: bytes) -> Iterator[Iterator[tuple]]:
    """The first sheet's rows, parsed as they are read, never all in memory.

    openpyxl's read-only worksheet scans the WHOLE sheet on opening when it has no
    <dimension> element (an attacker's file has none), so the rows are taken from its
    streaming sheet parser directly (openpyxl is pinned: see requirements.txt)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise Invalid(
                _(
                    "This spreadsheet unpacks to more than %(mb)s MB: far more than a member "
                    "list. Save only the member list as .xlsx, or as CSV UTF-8.",
                    mb=MAX_UNPACKED_BYTES // 2**20,
                )
            )
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        _sheet, rel = next(iter(reader.parser.find_sheets()))
        source = reader.archive.open(rel.target)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        StopIteration,
        ParseError,
        TypeError,
        AttributeError,
    ):
        raise Invalid(str(NOT_XLSX)) from None
    parser = WorkSheetParser(
        source,
        reader.shared_strings,
        data_only=True,
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    try:
        yield _guarded(_values(parser.parse()))
    finally:
        source.close()
        reader.archive.close()


def _values(rows: Iterator[tuple[int, list[dict]]]) -> Iterator[tuple]:
    """Each parsed row as a tuple of its first MAX_COLUMNS values, gaps as None."""
    for _number, cells in rows:
        values: list = [None] * min(MAX_COLUMNS, max((c["column"] for c in cells), default=0))
        for cell in cells:
            if cell["column"] <= MAX_COLUMNS:
                values[cell["column"] - 1] = cell["value"]
        yield tuple(values)


def _guarded(rows: Iterator[tuple]) -> Iterator[tuple]:
    """A damaged sheet (broken XML inside a valid archive) is the clerk's problem to fix."""
    try:
        yield from rows
    except (ParseError, KeyError, ValueError, TypeError, IndexError, zipfile.BadZipFile, EOFError):
        raise Invalid(str(NOT_XLSX)) from None


def _csv_table(data: bytes) -> Iterator[list]:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Invalid(_("The CSV file is not UTF-8 text. In Excel choose “CSV UTF-8”."))
    if "\x00" in text:
        raise Invalid(str(NOT_XLSX))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _rows(table: Iterable[Sequence], limit: int) -> list[SheetRow]:
    table = iter(table)
    first = next(table, None)
    if first is None:
        raise Invalid(_("The file has no header row."))
    header = [HEADER_NAMES.get(_key(title)) for title in first]
    missing = [f for f in REQUIRED_COLUMNS if f not in header]
    if missing:
        titles = ", ".join(title for field, title in MEMBER_COLUMNS if field in missing)
        raise Invalid(_("The header row lacks the columns: %(titles)s.", titles=titles))
    rows = []
    # Blank rows are skipped but still read: they count too, against a wider bound.
    for offset, cells in enumerate(table, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            if offset > BLANK_ROWS_FACTOR * limit:
                raise _too_many(limit)
            continue
        if len(rows) >= limit:
            raise _too_many(limit)
        values = {
            field: _cell(field, cell)
            for field, cell in zip(header, cells, strict=False)
            if field is not None
        }
        rows.append(SheetRow(offset, values))
    return rows


BLANK_ROWS_FACTOR = 2


def _too_many(limit: int) -> Invalid:
    return Invalid(
        _(
            "The file has more than %(limit)s rows; at most %(limit)s can be imported at once.",
            limit=limit,
        )
    )


def _cell(field: str, value: object) -> object:
    """Coerce a cell into what the schema expects; leave the doubtful for it to judge."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None if field in ("birth_year", "party_joined_on") else ""
    if value is None:
        return None if field in ("birth_year", "party_joined_on") else ""
    if field == "gender":
        return GENDER_WORDS.get(_key(value), str(value))
    if field == "birth_year":
        return _year(value)
    if field == "party_joined_on":
        return _date(value)
    return str(value)


def _year(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value), fmt).date().isoformat()
        except ValueError:
            continue
    return str(value)


def export_members(members: Iterable[Member], title: str) -> bytes:
    """An .xlsx with the Vietnamese column titles that the import accepts back."""
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    sheet.append([title for _f, title in MEMBER_COLUMNS])
    for number, member in enumerate(members, start=2):
        for column, value in enumerate(_export_values(member), start=1):
            _text_safe(sheet.cell(row=number, column=column, value=value))
    for row in sheet.iter_rows(min_row=2, min_col=8, max_col=8):
        row[0].number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEFGH", (28, 24, 10, 10, 12, 24, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_safe(cell) -> None:
    """A typed or imported text stays text: "=HYPERLINK(…)" is a name, never a formula
    (openpyxl would store any text that begins with "=" as one)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _sheet_title(title: str) -> str:
    """Excel forbids []:*?/\\ in sheet names and more than 31 characters."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip().strip("'")
    return cleaned[:31] or "Members"


def _export_values(member: Member) -> Iterator[object]:
    for field, _title in MEMBER_COLUMNS:
        value = getattr(member, field)
        yield ("Nam" if value == "male" else "Nữ") if field == "gender" else value
