"""The certificate (giấy công nhận), A4 landscape, drawn straight on the canvas so that a thousand
print in about a second: a frame, the motto, the title, the person, the decision, the signer, the
serial number, a mark on reprints, and room for the verification QR code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.domain import dates
from desktop.domain.text import printable
from desktop.print.data import CertificateData
from desktop.print.fonts import SERIF
from desktop.print.page import LANDSCAPE, ProgressFn, date_line, step
from desktop.print.qr import draw_qr
from desktop.print.streamed import StreamedCanvas

GOLD = colors.HexColor("#9a7b1c")
RED = colors.HexColor("#a31515")
QR_SIZE = 26 * mm
MARGIN = 24 * mm  # from the paper's edge to the texts: inside the inner frame (at 14 mm) with room


def render_certificates(items: Sequence[CertificateData], out: BinaryIO, progress: ProgressFn | None = None) -> None:
    """Into `out`, each page written as it is drawn."""
    title = f"Giấy công nhận {items[0].title if items else 'Công dân học tập'}"
    canvas = StreamedCanvas(out, LANDSCAPE, title, f"{title} năm {items[0].year}" if items else title)
    for i, item in enumerate(items):
        _page(canvas, item)
        canvas.showPage()
        if i % 50 == 49 or i == len(items) - 1:
            step(progress, i + 1, len(items))
    canvas.save()


def _text(canvas: Canvas, x: float, y: float, text: str, size: float, style: str = "", colour=colors.black,  # noqa: ANN001
          room: float = LANDSCAPE[0] - 2 * MARGIN) -> None:
    """Centred on x; a text wider than `room` (a 46-letter name, a long village) is set smaller to fit,
    never cut and never over the frame."""
    text = printable(text)
    font = SERIF + style
    width = canvas.stringWidth(text, font, size)
    if width > room:
        size *= room / width
    canvas.setFillColor(colour)
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)


def _page(c: Canvas, d: CertificateData) -> None:
    w, h = LANDSCAPE
    cx = w / 2
    c.setStrokeColor(GOLD)
    c.setLineWidth(4)
    c.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm)
    c.setLineWidth(1)
    c.rect(14 * mm, 14 * mm, w - 28 * mm, h - 28 * mm)
    _text(c, cx, h - 30 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14, "-Bold")
    _text(c, cx, h - 37 * mm, "Độc lập - Tự do - Hạnh phúc", 14, "-Bold")
    c.setStrokeColor(colors.black)
    c.line(cx - 35 * mm, h - 38.5 * mm, cx + 35 * mm, h - 38.5 * mm)
    _text(c, cx, h - 52 * mm, d.office.issued_by().name.upper(), 16, "-Bold")  # who issues it
    _text(c, cx, h - 72 * mm, "GIẤY CÔNG NHẬN", 34, "-Bold", RED)
    _text(c, cx, h - 84 * mm, f"DANH HIỆU “{d.title.upper()}” NĂM {d.year}", 20, "-Bold", RED)
    _text(c, cx, h - 100 * mm, "Công nhận Ông/Bà" if d.where is None else "Công nhận", 15, "-Italic")
    _text(c, cx, h - 113 * mm, d.full_name.upper(), 26, "-Bold")
    _text(c, cx, h - 124 * mm, d.where or f"Sinh: {d.birth}   —   {d.village}, {d.office.commune}, {d.office.province}",
          15)
    _text(c, cx, h - 134 * mm, f"Đạt danh hiệu “{d.title}” năm {d.year} theo Quyết định số {d.decision_number} "
                               f"ngày {dates.in_figures(d.decision_date)}", 15)
    sx = w * 0.70
    side = 2 * (w - MARGIN - sx)  # the signer's column, centred on sx
    _text(c, sx, h - 148 * mm, date_line(d.office.place, d.decision_date), 14, "-Italic", room=side)
    lines = replace(d.office.issued_by(), signer_title=d.signer_title).signature_lines()  # TM./KT./Q.
    for i, line in enumerate(lines):
        _text(c, sx, h - (155 + 6 * i) * mm, line, 14, "-Bold", room=side)
    _text(c, sx, 26 * mm, d.signer_name, 15, "-Bold", room=side)
    c.setFillColor(colors.black)
    c.setFont(SERIF, 12)
    c.drawString(24 * mm, 20 * mm, f"Số: {d.serial}")
    qx, qy = 24 * mm, 26 * mm
    if d.verify_payload:  # unsigned: the space stays clean (no empty box on paper the chairman signs)
        draw_qr(c, d.verify_payload, qx, qy, QR_SIZE)
    if d.reprint:
        c.saveState()
        c.setFillColor(RED)
        c.setFont(SERIF + "-Bold", 13)
        c.drawRightString(w - 24 * mm, h - 24 * mm, "BẢN IN LẠI")
        c.restoreState()
