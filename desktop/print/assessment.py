"""The self-assessment sheet: the ten indicators in the entry screen's order and numbering, with boxes for
the points, the person and a QR code of the enrolment for scanning back.

Everything but the person and the code is the same on every sheet of a group, so it is laid out once per
group as a PDF form (an XObject) and each page only places that form, three lines of text and the code:
a commune's thousands of sheets print in seconds and the file stays small."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from desktop.domain.text import printable
from desktop.print.data import AssessmentSheetData
from desktop.print.fonts import SERIF, vn
from desktop.print.page import (
    FORM_MARGINS,
    PORTRAIT,
    ProgressFn,
    frame_width,
    grid_table,
    layout_table,
    para,
    step,
    style,
)
from desktop.print.qr import draw_qr
from desktop.print.streamed import StreamedCanvas

WIDTH = frame_width(FORM_MARGINS)
QR = 22 * mm
HEAD = QR + 4 * mm  # the band of the person's details and the code
DETAIL_SIZE = 10.5
SMALLEST = 7.0


class SheetPages:
    """Draws sheets onto `canvas`, one page each; the group's form is made on its first sheet."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._forms: dict[tuple, tuple[str, float]] = {}  # layout → (form name, top of the details band)

    def draw(self, sheet: AssessmentSheetData) -> None:
        c = self.canvas
        name, head_top = self._form(sheet)
        c.doForm(name)
        left = FORM_MARGINS[2]
        p = sheet.person
        lines = [(("Họ và tên: ", p.full_name),), (("Sinh: ", p.birth), ("  —  Thôn, khu phố: ", p.village)),
                 ((f"Nhóm {sheet.group_number}: ", p.group),)]
        room = WIDTH - QR - 4 * mm
        y = head_top - DETAIL_SIZE
        for parts in lines:
            detail_line(c, left, y, parts, room)
            y -= DETAIL_SIZE * 1.25
        draw_qr(c, sheet.enrolment_id, left + WIDTH - QR, head_top - QR, QR)
        c.showPage()

    def _form(self, sheet: AssessmentSheetData) -> tuple[str, float]:
        key = (sheet.year, sheet.office, sheet.group_number, sheet.indicators, sheet.min_total, sheet.min_each)
        made = self._forms.get(key)
        if made is None:
            name = f"phieu{len(self._forms)}"
            c = self.canvas
            c.beginForm(name)
            head_top = stack(c, shared_part(sheet))
            c.endForm()
            made = self._forms[key] = (name, head_top)
        return made


def render_assessment_sheets(sheets: Iterable[AssessmentSheetData], count: int, out: BinaryIO,
                             progress: ProgressFn | None = None) -> int:
    """`count` sheets into `out`, each page written as it is drawn; returns how many were drawn."""
    canvas = StreamedCanvas(out, PORTRAIT, "Phiếu tự đánh giá Công dân học tập")
    pages = SheetPages(canvas)
    done = 0
    for sheet in sheets:
        pages.draw(sheet)
        done += 1
        if done % 50 == 0 or done == count:
            step(progress, done, count)
    canvas.save()
    return done


def shared_part(sheet: AssessmentSheetData) -> list[Flowable | None]:
    """The sheet without the person; None marks the band where the details and the code go."""
    small = style("ss", size=10.5, leading=13)
    title = style("st", size=14, align=TA_CENTER, bold=True, leading=18)
    rows: list[list[object]] = [["Mã", "Nội dung chỉ số", "Tối đa", "Tự chấm", "Chi hội xét"]]
    spans = []
    current = None
    for line in sheet.indicators:
        if line.competence != current:
            current = line.competence
            rows.append([Paragraph(f"<b>{vn(current + '. ' + sheet.competences[current])}</b>", small), "", "", "", ""])
            spans.append(len(rows) - 1)
        rows.append([line.code, Paragraph(vn(line.text), small), str(line.max_points), "", ""])
    rows.append(["", Paragraph(f"<b>{vn('Tổng cộng')}</b>", small), str(sum(i.max_points for i in sheet.indicators)),
                 "", ""])
    table = grid_table(rows, [12 * mm, WIDTH - 12 * mm - 60 * mm, 16 * mm, 20 * mm, 24 * mm], size=10.5)
    table.setStyle(TableStyle([("SPAN", (0, r), (-1, r)) for r in spans] +
                              [("ALIGN", (2, 1), (-1, -1), "CENTER"), ("ALIGN", (0, 1), (0, -1), "CENTER"),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None])]))
    rule = para(f"Mỗi chỉ số chấm từ 0 đến tối đa. Đạt danh hiệu khi tổng từ {sheet.min_total} điểm trở lên và "
                f"không chỉ số nào dưới {sheet.min_each} điểm.", style("sr", size=10.5, italic=True))
    signs = layout_table([[[para("NGƯỜI TỰ ĐÁNH GIÁ", style("s1", size=11, align=TA_CENTER, bold=True)),
                            para("(ký, ghi rõ họ tên)", style("s2", size=10, align=TA_CENTER, italic=True))],
                           [para("XÁC NHẬN CỦA CHI HỘI", style("s3", size=11, align=TA_CENTER, bold=True)),
                            para("(ký, ghi rõ họ tên)", style("s4", size=10, align=TA_CENTER, italic=True))]]],
                         [WIDTH / 2, WIDTH / 2])
    return [para(f"PHIẾU TỰ ĐÁNH GIÁ “CÔNG DÂN HỌC TẬP” NĂM {sheet.year}", title),
            para(sheet.office.association, style("so", size=11, align=TA_CENTER)), Spacer(1, 3 * mm), None,
            Spacer(1, 2 * mm), table, Spacer(1, 2 * mm), rule, Spacer(1, 4 * mm), signs]


def stack(c: Canvas, story: list[Flowable | None]) -> float:
    """Draws the blocks one under another from the top margin; returns the top of the details band."""
    x, y = FORM_MARGINS[2], PORTRAIT[1] - FORM_MARGINS[0]
    band = y
    for block in story:
        if block is None:
            band = y
            y -= HEAD
            continue
        _, height = block.wrapOn(c, WIDTH, y)
        y -= height
        block.drawOn(c, x, y)
    return band


def detail_line(c: Canvas, x: float, y: float, parts: tuple[tuple[str, str], ...], room: float) -> None:
    """Bold labels and plain values on one line, made smaller (never cut) when a long name needs it."""
    texts = [(printable(label), printable(value)) for label, value in parts]
    size = DETAIL_SIZE

    def width(s: float) -> float:
        return sum(c.stringWidth(lab, SERIF + "-Bold", s) + c.stringWidth(val, SERIF, s) for lab, val in texts)

    natural = width(size)
    if natural > room:
        size = max(SMALLEST, size * room / natural)
    for label, value in texts:
        c.setFont(SERIF + "-Bold", size)
        c.drawString(x, y, label)
        x += c.stringWidth(label, SERIF + "-Bold", size)
        c.setFont(SERIF, size)
        c.drawString(x, y, value)
        x += c.stringWidth(value, SERIF, size)
