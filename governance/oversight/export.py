"""The dashboard as an .xlsx: every text cell stays text (a name starting with "=" is not a
formula), numbers stay numbers, dates are dates."""

from __future__ import annotations

import io
from datetime import date

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from governance.oversight.dashboard import Board


def board_xlsx(board: Board, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _safe_title(title)
    header = [_("Code"), _("Unit"), *(str(label) for _k, label in board.columns), _("Late")]
    _append_text(sheet, header)
    for row in board.rows:
        values: list[object] = [row.unit.code, row.unit.name]
        values += [_cell(row.values.get(key)) for key, _label in board.columns]
        values.append(_("yes") if row.late else "")
        _append_text(sheet, values)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _append_text(sheet, values: list[object]) -> None:
    sheet.append([None] * len(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"


def _safe_title(title: str) -> str:
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Oversight"
