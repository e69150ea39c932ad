"""Lists and reports out to Excel: Vietnamese headers, a title, frozen header row, filters, sensible
column widths, totals where they mean something."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop import PRODUCER
from desktop.domain.text import printable

HEAD_FILL = PatternFill("solid", fgColor="FFDDEBF7")
THIN = Side(style="thin", color="FF999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass
class SheetTable:
    """One worksheet: a title line, headers, rows, and which columns get a total."""

    name: str
    title: str
    headers: list[str]
    rows: Sequence[Sequence[object]]
    total_columns: tuple[int, ...] = ()
    percent_columns: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)
    validations: dict[int, list[str]] = field(default_factory=dict)  # column -> allowed values
    blank_rows: int = 0  # rows kept free (with validations) for a template
    text_columns: tuple[int, ...] = ()
    rates: dict[int, tuple[int, int]] = field(default_factory=dict)  # rate column -> (numerator, denominator)


def workbook(tables: Sequence[SheetTable]) -> bytes:
    book = Workbook()
    book.properties.creator = PRODUCER
    book.remove(book.active)
    for t in tables:
        _sheet(book, t)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, t: SheetTable) -> None:
    ws = book.create_sheet(t.name[:31])
    ws.append([printable(t.title)])
    ws["A1"].font = Font(bold=True, size=13)
    header_row = 2
    ws.append(t.headers)
    for c in range(1, len(t.headers) + 1):
        cell = ws.cell(row=header_row, column=c)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in t.rows:
        ws.append([printable(v) if isinstance(v, str) else v for v in row])
    last = header_row + len(t.rows)
    for c in t.percent_columns:
        for r in range(header_row + 1, last + 1):
            ws.cell(row=r, column=c + 1).number_format = "0.0%"
    if t.total_columns and t.rows:
        total_row = last + 1
        ws.cell(row=total_row, column=1, value="Tổng cộng").font = Font(bold=True)
        for c in t.total_columns:
            # the value itself, not =SUM(): pandas, calamine and openpyxl read a formula's stored value,
            # and openpyxl stores none
            total = sum(v for r in t.rows if c < len(r) and isinstance(v := r[c], int | float)
                        and not isinstance(v, bool))
            ws.cell(row=total_row, column=c + 1, value=total).font = Font(bold=True)
        for c, (top, bottom) in t.rates.items():  # the whole's rate: of the totals, not a sum of rates
            over = ws.cell(row=total_row, column=bottom + 1).value
            cell = ws.cell(row=total_row, column=c + 1, value=ws.cell(row=total_row, column=top + 1).value / over
                           if over else None)
            cell.font, cell.number_format = Font(bold=True), "0.0%"
    for i, note in enumerate(t.notes):
        ws.cell(row=last + 3 + i, column=1, value=printable(note)).font = Font(italic=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _page_setup(ws, header_row)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(t.headers))}{max(last, header_row)}"
    for c, header in enumerate(t.headers, 1):
        sample = [len(str(r[c - 1])) for r in t.rows[:500] if c - 1 < len(r) and r[c - 1] is not None]
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(10, len(header) + 2, *(s + 2 for s in sample)))
    end = header_row + max(len(t.rows), t.blank_rows)
    for c, allowed in t.validations.items():
        # the allowed values live on a hidden sheet: a quoted list is limited to 255 characters
        lists = book["Danh mục"] if "Danh mục" in book.sheetnames else book.create_sheet("Danh mục")
        lists.sheet_state = "hidden"
        list_column = get_column_letter(lists.max_column + (1 if lists.max_row > 1 or lists["A1"].value else 0))
        for i, value in enumerate(allowed, 1):
            lists[f"{list_column}{i}"] = value
        dv = DataValidation(type="list", formula1=f"'Danh mục'!${list_column}$1:${list_column}${len(allowed)}",
                            allow_blank=True, showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                            error="Chọn một giá trị trong danh sách.")
        ws.add_data_validation(dv)
        letter = get_column_letter(c + 1)
        dv.add(f"{letter}{header_row + 1}:{letter}{end}")
    for c in t.text_columns:
        for r in range(header_row + 1, end + 1):
            ws.cell(row=r, column=c + 1).number_format = "@"  # keeps the leading zero of a CCCD


def _page_setup(ws, header_row: int) -> None:  # noqa: ANN001
    """Printed from Excel or LibreOffice: landscape, one page wide, the header on every page, and rows tall
    enough for the marks above capitals (Ấ, Ể) in the title."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.row_dimensions[1].height = 24
    ws.row_dimensions[header_row].height = 33  # two lines of a wrapped header
