"""A learning model's score sheet and registration form, one page each, in the citizens' manner: what is the
same on every page of a model (title, criteria table, rule, signatures) is laid out once as a PDF form, and
each page places it with the household's (clan's, village's, unit's) lines and the QR of its enrolment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from desktop.print.assessment import QR, WIDTH, detail_line, stack
from desktop.print.data import OfficeHeader
from desktop.print.fonts import vn
from desktop.print.page import FORM_MARGINS, PORTRAIT, ProgressFn, grid_table, layout_table, para, step, style
from desktop.print.qr import draw_qr
from desktop.print.streamed import StreamedCanvas

DETAIL = 10.5


@dataclass(frozen=True)
class ModelPage:
    office: OfficeHeader
    year: int
    title: str                           # "Gia đình học tập"
    name: str                            # the household, clan, village or unit
    where: str                           # its village and head, its households, its kind and staff
    criteria: tuple[tuple[str, str, int, int | None], ...]  # code, text, maximum, the points it must reach
    min_total: int
    code: str                            # the enrolment's UUID for the QR (a form for one not yet registered: "")
    signer: str                          # who signs for it: "ĐẠI DIỆN HỘ GIA ĐÌNH", "THỦ TRƯỞNG ĐƠN VỊ"


def render_model_pages(pages: Iterable[ModelPage], count: int, out: BinaryIO, sheet: bool,
                       progress: ProgressFn | None = None, title: str = "") -> int:
    """Score sheets (`sheet`) or registration forms into `out`, a page each, written as drawn; `title`: the
    model's ("Gia đình học tập"), for the file's title."""
    canvas = StreamedCanvas(out, PORTRAIT, " ".join(p for p in ("Phiếu tự đánh giá" if sheet else "Phiếu đăng ký",
                                                               title) if p))
    forms: dict[tuple, tuple[str, float]] = {}
    done = 0
    for page in pages:
        key = (page.year, page.office, page.title, page.criteria, page.min_total, page.signer)
        if key not in forms:
            name = f"mo-hinh{len(forms)}"
            canvas.beginForm(name)
            forms[key] = (name, stack(canvas, _sheet(page) if sheet else _registration(page)))
            canvas.endForm()
        name, band = forms[key]
        canvas.doForm(name)
        left = FORM_MARGINS[2]
        room = WIDTH - QR - 4 * mm
        detail_line(canvas, left, band - DETAIL, (("Tên: ", page.name),), room)
        detail_line(canvas, left, band - DETAIL * 2.25, (("Thuộc: ", page.where),), room)
        if page.code:
            draw_qr(canvas, page.code, left + WIDTH - QR, band - QR, QR)
        canvas.showPage()
        done += 1
        if done % 50 == 0 or done == count:
            step(progress, done, count)
    canvas.save()
    return done


def _signatures(page: ModelPage) -> Flowable:
    def cell(title: str) -> list[Flowable]:
        return [para(title, style("ms1", size=11, align=TA_CENTER, bold=True)),
                para("(ký, ghi rõ họ tên)", style("ms2", size=10, align=TA_CENTER, italic=True))]

    return layout_table([[cell(page.signer), cell("XÁC NHẬN CỦA CHI HỘI")]], [WIDTH / 2, WIDTH / 2])


def _heading(text: str, page: ModelPage) -> list[Flowable]:
    title = style("mt", size=14, align=TA_CENTER, bold=True, leading=18)
    return [para(text, title), para(page.office.association, style("mo", size=11, align=TA_CENTER)),
            Spacer(1, 3 * mm)]


def _sheet(page: ModelPage) -> list[Flowable | None]:
    small = style("mss", size=10.5, leading=13)
    rows: list[list[object]] = [["Mã", "Tiêu chí", "Tối đa", "Phải đạt", "Tự chấm", "Chi hội xét"]]
    for code, text, top, least in page.criteria:
        rows.append([code, Paragraph(vn(text), small), str(top), "" if least is None else str(least), "", ""])
    rows.append(["", Paragraph(f"<b>{vn('Tổng cộng')}</b>", small), str(sum(c[2] for c in page.criteria)), "", "",
                 ""])
    table = grid_table(rows, [12 * mm, WIDTH - 12 * mm - 76 * mm, 16 * mm, 16 * mm, 20 * mm, 24 * mm], size=10.5)
    table.setStyle(TableStyle([("ALIGN", (2, 1), (-1, -1), "CENTER"), ("ALIGN", (0, 1), (0, -1), "CENTER")]))
    rule = para(f"Mỗi tiêu chí chấm từ 0 đến tối đa. Đạt danh hiệu khi tổng từ {page.min_total} điểm trở lên và "
                "mỗi tiêu chí có ghi “phải đạt” đạt đủ số điểm đó.", style("msr", size=10.5, italic=True))
    return [*_heading(f"PHIẾU TỰ ĐÁNH GIÁ “{page.title.upper()}” NĂM {page.year}", page), None,
            Spacer(1, 2 * mm), table, Spacer(1, 2 * mm), rule, Spacer(1, 4 * mm), _signatures(page)]


def _registration(page: ModelPage) -> list[Flowable | None]:
    body = style("mrb", size=12, leading=17, align=TA_JUSTIFY)
    return [*_heading(f"PHIẾU ĐĂNG KÝ XÂY DỰNG “{page.title.upper()}” NĂM {page.year}", page), None,
            Spacer(1, 4 * mm),
            para(f"Kính gửi: {page.office.association}.", body), Spacer(1, 2 * mm),
            para(f"Chúng tôi đăng ký phấn đấu đạt danh hiệu “{page.title}” năm {page.year} và cam kết thực hiện "
                 "các tiêu chí sau:", body), Spacer(1, 2 * mm),
            *[para(f"{code}. {text}", body) for code, text, _top, _least in page.criteria],
            Spacer(1, 8 * mm), _signatures(page)]
