"""Page set-up and the blocks documents share: A4, the administrative header of Decree 30/2020
(issuing body left, national motto right), the place-and-date line, the signature block."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop import PRODUCER
from desktop.domain import dates
from desktop.print.data import OfficeHeader
from desktop.print.fonts import SANS, SERIF, register_fonts, vn

# Decree 30/2020: top 20-25 mm, bottom 20-25 mm, left 30-35 mm, right 15-20 mm
ADMIN_MARGINS = (20 * mm, 20 * mm, 30 * mm, 15 * mm)  # top, bottom, left, right
FORM_MARGINS = (15 * mm, 15 * mm, 18 * mm, 15 * mm)
PORTRAIT = A4
LANDSCAPE = landscape(A4)


class Cancelled(Exception):
    """The clerk pressed Cancel while a long document was being drawn."""


def style(name: str, font: str = SERIF, size: float = 13, align: int = TA_LEFT, leading: float | None = None,
          bold: bool = False, italic: bool = False, space_after: float = 0) -> ParagraphStyle:
    register_fonts()
    face = font + ("-BoldItalic" if bold and italic else "-Bold" if bold else "-Italic" if italic else "")
    return ParagraphStyle(name, fontName=face, bulletFontName=face, fontSize=size, leading=leading or size * 1.3, alignment=align,
                          spaceAfter=space_after)


def para(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(vn(text), st)


def date_line(place: str, d: date) -> str:
    return f"{place}, {dates.in_words(d)}"


def layout_table(cells: list[list[object]], widths: list[float], pad: bool = True) -> Table:
    """An unruled table that only places blocks side by side (its own font set: no Helvetica)."""
    table = Table(cells, colWidths=widths)
    commands = [("FONT", (0, 0), (-1, -1), SERIF, 11), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if not pad:
        commands += [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    table.setStyle(TableStyle(commands))
    return table


def admin_header(office: OfficeHeader, number: str | None, dated: date, width: float) -> Table:
    """Issuing body and number on the left, the national motto and the date on the right."""
    register_fonts()
    centre = style("hc", size=11, align=TA_CENTER, leading=14)
    centre_bold = style("hcb", size=11, align=TA_CENTER, leading=14, bold=True)
    motto = style("hm", size=13, align=TA_CENTER, leading=16, bold=True)
    when = style("hd", size=13, align=TA_CENTER, leading=16, italic=True)
    left = [para(text, centre_bold if bold else centre) for text, bold in office.issued_by().header()]
    left.append(para("—————", centre))
    if number:
        left.append(para(f"Số: {number}", centre))
    right = [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style("hn", size=12, align=TA_CENTER, bold=True)),
             Paragraph("<u>" + vn("Độc lập - Tự do - Hạnh phúc") + "</u>", motto),
             para(" ", centre), para(date_line(office.place, dated), when)]
    return layout_table([[left, right]], [width * 0.44, width * 0.56], pad=False)


def signature_block(title: str | list[str], name: str, font: str = SERIF, above: str = "",
                    hint: str = "") -> list[Flowable]:
    """The signer's title (or the lines of Issuer.signature_lines: TM./KT./Q.), room to sign and stamp,
    and the name, centred."""
    title_st = style("st", font=font, size=13, align=TA_CENTER, bold=True)
    name_st = style("sn", font=font, size=13, align=TA_CENTER, bold=True)
    italic = style("si", font=font, size=12, align=TA_CENTER, italic=True)
    lines = [title] if isinstance(title, str) else title
    block = ([para(above, italic)] if above else []) + [para(line.upper(), title_st) for line in lines]
    room = Spacer(1, 24 * mm)  # to sign and stamp
    return block + ([para(hint, italic)] if hint else []) + [room, para(name or " ", name_st)]


def signature(title: str | list[str], name: str, width: float, font: str = SERIF, above: str = "", hint: str = "") -> Table:
    """The signature block in the right half of the page."""
    return layout_table([["", signature_block(title, name, font, above, hint)]], [width * 0.45, width * 0.55])


def closing(receivers: list[str], signed: list[Flowable]) -> Table:
    """The foot of an administrative document: "Nơi nhận" on the left, the signature on the right."""
    lines = [Paragraph(f"<b><i>{vn('Nơi nhận:')}</i></b>", style("dr", size=12))]
    lines += [para(r, style("dr1", size=11)) for r in receivers]
    return layout_table([[lines, signed]], [frame_width() * 0.45, frame_width() * 0.55], pad=False)


def grid_table(rows: list[list[object]], widths: list[float], header_rows: int = 1, font: str = SERIF,
               size: float = 11, right_columns: tuple[int, ...] = ()) -> Table:
    """A ruled table whose header repeats on every page; header texts wrap within their column."""
    head = style("gh", font=font, size=size, align=TA_CENTER, bold=True, leading=size * 1.2)
    rows = [[para(c, head) if isinstance(c, str) else c for c in row] if r < header_rows else row
            for r, row in enumerate(rows)]
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    commands = [("FONT", (0, 0), (-1, -1), font, size), ("FONT", (0, 0), (-1, header_rows - 1), font + "-Bold", size),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee"))]
    for c in right_columns:
        commands.append(("ALIGN", (c, header_rows), (c, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def build(story: list[Flowable], margins: tuple[float, float, float, float] = ADMIN_MARGINS,
          pagesize: tuple[float, float] = PORTRAIT, title: str = "", numbered: bool = True) -> bytes:
    """Lay the story out; page numbers at the top centre from page 2, as Decree 30 asks."""
    register_fonts()
    out = io.BytesIO()
    top, bottom, left, right = margins
    doc = SimpleDocTemplate(out, pagesize=pagesize, topMargin=top, bottomMargin=bottom, leftMargin=left,
                            rightMargin=right, title=vn(title), subject=vn(title), author=PRODUCER,
                            creator=PRODUCER,
                            # else Helvetica: listed in the PDF, not embedded, without Vietnamese letters
                            initialFontName=SERIF)

    def number(canvas, document) -> None:  # noqa: ANN001
        if numbered and document.page > 1:
            canvas.setFont(SERIF, 11)
            canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - top / 2, str(document.page))

    doc.build(story, onFirstPage=number, onLaterPages=number)
    return out.getvalue()


class PageMark(Flowable):
    """Takes no room; notes the page it lands on under `name` in `seen`."""

    def __init__(self, name: str, seen: dict[str, int]) -> None:
        super().__init__()
        self.name, self.seen = name, seen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.seen[self.name] = self.canv.getPageNumber()


def build_closing_with_rows(story_for: Callable[[bool, dict[str, int]], list[Flowable]], title: str) -> bytes:
    """A list whose signature must not stand alone on its last page (Decree 30 reviewers refuse a page
    that holds only the signature). `story_for(carry, seen)` gives the story with PageMarks "rows" (after
    the table) and "signed" (after the signature); if the signature lands on a page after the last row,
    the story is laid out again with carry=True: the last rows are carried over to the signature's page."""
    seen: dict[str, int] = {}
    pdf = build(story_for(False, seen), title=title)
    if seen.get("signed", 0) > seen.get("rows", 0):
        pdf = build(story_for(True, {}), title=title)
    return pdf


def frame_width(margins: tuple[float, float, float, float] = ADMIN_MARGINS,
                pagesize: tuple[float, float] = PORTRAIT) -> float:
    return pagesize[0] - margins[2] - margins[3]


ProgressFn = Callable[[int, int], bool]  # (done, total) -> go on? False cancels


def step(progress: ProgressFn | None, done: int, total: int) -> None:
    if progress is not None and not progress(done, total):
        raise Cancelled()


__all__ = ["TA_CENTER", "TA_LEFT", "TA_RIGHT", "SANS", "SERIF"]
