"""The clerk's own sheet handed back with a column that says, in Vietnamese, what is wrong where.

Written in streaming mode from the rows the dry run already read: reopening a 30,000-row workbook in
full (styles and all) and saving it took 13 s and 273 MB; this takes a couple of seconds in little
memory. The sheet keeps its values in their places (title rows, header, every column, the row numbers
the messages name); Excel's formatting of the original and its other sheets are not carried over."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop import PRODUCER
from desktop.domain.text import printable
from desktop.sheets.roster_read import RosterSheet

ERROR_HEADER = "Kết quả kiểm tra"
RED = PatternFill("solid", fgColor="FFF4CCCC")
YELLOW = PatternFill("solid", fgColor="FFFFF2CC")
BOLD = Font(bold=True)


def error_copy(sheet: RosterSheet, notes: dict[int, tuple[str, bool]], out: BinaryIO) -> None:
    """notes: row number -> (message, is_error)."""
    book = Workbook(write_only=True)
    book.properties.lastModifiedBy = PRODUCER
    ws = book.create_sheet(sheet.sheet_name)
    width = max((len(row) for row in sheet.cells), default=0)
    ws.column_dimensions[get_column_letter(width + 1)].width = 90
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 18
    for number, row in enumerate(sheet.cells, 1):
        values: list[object] = [_cell(ws, v) for v in row] + [None] * (width - len(row))
        if number == sheet.header_row:
            values.append(_styled(ws, ERROR_HEADER, font=BOLD))
        elif number in notes:
            message, is_error = notes[number]
            values.append(_styled(ws, message, fill=RED if is_error else YELLOW))
        ws.append(values)
    ws.freeze_panes = f"A{sheet.header_row + 1}"
    book.save(out)


def _cell(ws, value: object) -> object:  # noqa: ANN001
    """Dates keep looking like dates, whole numbers stay whole (the reader gives 1980.0); empty cells stay
    empty; everything else goes in as it was read."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, datetime | date | time):
        return _styled(ws, value, number_format="dd/mm/yyyy" if not isinstance(value, time) else "hh:mm")
    return value


def _styled(ws, value: object, font: Font | None = None, fill: PatternFill | None = None,  # noqa: ANN001
            number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    return cell
