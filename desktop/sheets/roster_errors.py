"""The clerk's own workbook handed back with a column that says, in Vietnamese, what is wrong where."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from desktop import PRODUCER

ERROR_HEADER = "Kết quả kiểm tra"
RED = PatternFill("solid", fgColor="FFF4CCCC")
YELLOW = PatternFill("solid", fgColor="FFFFF2CC")


def error_copy(source: Path, sheet_name: str, header_row: int, notes: dict[int, tuple[str, bool]]) -> bytes:
    """notes: row number -> (message, is_error). Everything else in the workbook stays as it was."""
    book = load_workbook(source)
    book.properties.lastModifiedBy = PRODUCER
    sheet = book[sheet_name]
    column = sheet.max_column + 1
    head = sheet.cell(row=header_row, column=column, value=ERROR_HEADER)
    head.font = Font(bold=True)
    for number, (message, is_error) in notes.items():
        cell = sheet.cell(row=number, column=column, value=message)
        cell.fill = RED if is_error else YELLOW
    sheet.column_dimensions[head.column_letter].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
