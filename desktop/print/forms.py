"""The registration form, pre-filled or blank for walk-ins (the self-assessment sheet: print/assessment.py)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from desktop.print.data import OfficeHeader, Person
from desktop.print.fonts import vn
from desktop.print.page import (
    FORM_MARGINS,
    ProgressFn,
    build,
    frame_width,
    para,
    signature,
    step,
    style,
)

WIDTH = frame_width(FORM_MARGINS)
DOTS = "." * 60
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def _motto() -> list[Flowable]:
    centre = style("m1", size=12, align=TA_CENTER, bold=True)
    return [para(MOTTO[0], centre), Paragraph("<u>" + vn(MOTTO[1]) + "</u>", style("m2", size=13, align=TA_CENTER,
                                                                                     bold=True)), Spacer(1, 6 * mm)]


def _value(text: str) -> str:
    return text if text.strip() else DOTS


def registration_form(office: OfficeHeader, year: int, person: Person | None) -> list[Flowable]:
    """One page; person None prints the blank form with dotted lines."""
    body = style("rb", size=13, leading=20, align=TA_JUSTIFY)
    title = style("rt", size=15, align=TA_CENTER, bold=True, leading=20)
    p = person or Person("", "", "", "", "", "", "", "", "")
    story = [*_motto(), para("PHIẾU ĐĂNG KÝ", title),
             para(f"XÂY DỰNG DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM {year}", title), Spacer(1, 6 * mm),
             para(f"Kính gửi: Chi hội Khuyến học {p.village or DOTS[:30]}; {office.association}.", body),
             Spacer(1, 3 * mm)]
    lines = [("Họ và tên", p.full_name.upper() if p.full_name else ""), ("Ngày sinh (hoặc năm sinh)", p.birth),
             ("Giới tính", p.sex), ("Số căn cước (CCCD)", p.cccd), ("Thôn, khu phố", p.village),
             ("Nghề nghiệp, nơi làm việc", p.occupation), ("Số điện thoại", p.phone),
             ("Thuộc nhóm đối tượng", p.group)]
    for label, value in lines:
        story.append(para(f"{label}: {_value(value)}", body))
    if person is None:
        story.append(para("(Nhóm: 1. Nông dân, lao động nông thôn; 2. Công nhân, lao động tiểu thủ công nghiệp, "
                          "thợ thủ công, thợ nghề; 3. Cán bộ, công chức, viên chức, nhân viên, doanh nhân.)",
                          style("rn", size=11, italic=True)))
    story += [Spacer(1, 4 * mm),
              para(f"Tôi đăng ký phấn đấu đạt danh hiệu “Công dân học tập” năm {year}; cam kết thực hiện kế hoạch "
                   "học tập của bản thân, tham gia các hoạt động học tập ở cộng đồng và tự đánh giá trung thực "
                   "theo bộ tiêu chí của nhóm đối tượng.", body), Spacer(1, 8 * mm),
              signature("Người đăng ký", p.full_name, WIDTH, above="......., ngày ..... tháng ..... năm ........",
                        hint="(ký và ghi rõ họ tên)")]
    return story


def render_registration_forms(office: OfficeHeader, year: int, people: Sequence[Person | None],
                              progress: ProgressFn | None = None) -> bytes:
    story: list[Flowable] = []
    for i, person in enumerate(people):
        if i:
            story.append(PageBreak())
        story += registration_form(office, year, person)
        step(progress, i + 1, len(people))
    return build(story, FORM_MARGINS, title=f"Phiếu đăng ký Công dân học tập năm {year}", numbered=False)
