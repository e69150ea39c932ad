"""The registration form (pre-filled, or blank for walk-ins) and the self-assessment sheet, which
mirrors the entry screen item by item and carries a QR code of the record for scanning back."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, TableStyle

from desktop.print.data import AssessmentSheetData, OfficeHeader, Person
from desktop.print.fonts import vn
from desktop.print.page import (
    FORM_MARGINS,
    ProgressFn,
    build,
    frame_width,
    grid_table,
    layout_table,
    para,
    signature,
    step,
    style,
)
from desktop.print.qr import QrFlowable

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


def assessment_sheet(sheet: AssessmentSheetData) -> list[Flowable]:
    """The ten indicators in the entry screen's order and numbering, with boxes for the points."""
    p = sheet.person
    small = style("ss", size=10.5, leading=13)
    title = style("st", size=14, align=TA_CENTER, bold=True, leading=18)
    details = [Paragraph(f"<b>{vn('Họ và tên')}:</b> {vn(p.full_name)}", small),
               Paragraph(f"<b>{vn('Sinh')}:</b> {vn(p.birth)}  —  <b>{vn('Thôn, khu phố')}:</b> {vn(p.village)}", small),
               Paragraph(f"<b>{vn('Nhóm')} {sheet.group_number}:</b> {vn(p.group)}", small)]
    head = layout_table([[details, QrFlowable(sheet.enrolment_id, 22 * mm)]], [WIDTH - 26 * mm, 26 * mm], pad=False)
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
            para(sheet.office.association, style("so", size=11, align=TA_CENTER)), Spacer(1, 3 * mm), head,
            Spacer(1, 2 * mm), table, Spacer(1, 2 * mm), rule, Spacer(1, 4 * mm), signs]


def render_registration_forms(office: OfficeHeader, year: int, people: Sequence[Person | None],
                              progress: ProgressFn | None = None) -> bytes:
    story: list[Flowable] = []
    for i, person in enumerate(people):
        if i:
            story.append(PageBreak())
        story += registration_form(office, year, person)
        step(progress, i + 1, len(people))
    return build(story, FORM_MARGINS, title=f"Phiếu đăng ký Công dân học tập năm {year}", numbered=False)


def render_assessment_sheets(sheets: Sequence[AssessmentSheetData], progress: ProgressFn | None = None) -> bytes:
    story: list[Flowable] = []
    for i, sheet in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story += assessment_sheet(sheet)
        step(progress, i + 1, len(sheets))
    year = sheets[0].year if sheets else ""
    return build(story, FORM_MARGINS, title=f"Phiếu tự đánh giá Công dân học tập năm {year}", numbered=False)

