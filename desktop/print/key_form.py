"""The key form (phiếu khoá): the office's public keys and fingerprint on one page that the chairman signs
and sends up, so the receiver can check by phone or on paper that the key file it got is the right one."""

from __future__ import annotations

from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop.print.data import OfficeHeader
from desktop.print.fonts import vn
from desktop.print.page import (
    ADMIN_MARGINS,
    admin_header,
    build,
    frame_width,
    grid_table,
    para,
    signature,
    style,
)
from desktop.print.qr import QrFlowable

WIDTH = frame_width(ADMIN_MARGINS)


def key_form(office: OfficeHeader, office_code: int, fingerprint: str, signing_key: str, age_recipient: str,
             made_on: date) -> bytes:
    title = style("kt", size=14, align=TA_CENTER, bold=True, leading=18)
    body = style("kb", size=13, leading=18)
    mono = style("km", font="Sans", size=10, leading=13)
    rows = [["Nội dung", "Giá trị"],
            ["Đơn vị", Paragraph(vn(f"{office.association} (mã {office_code})"), body)],
            ["Dấu vân tay khoá ký", Paragraph(f"<b>{vn(fingerprint)}</b>", style("kf", size=16, leading=20))],
            ["Khoá ký (minisign)", Paragraph(vn(signing_key), mono)],
            ["Khoá mã hoá (age)", Paragraph(vn(age_recipient), mono)]]
    story = [admin_header(office, None, made_on, WIDTH), Spacer(1, 8 * mm),
             para("PHIẾU KHOÁ CÔNG KHAI", title), para("dùng để gửi và nhận tệp Công dân học tập", title),
             Spacer(1, 6 * mm), grid_table(rows, [48 * mm, WIDTH - 48 * mm]), Spacer(1, 4 * mm),
             para("Cấp trên đối chiếu dấu vân tay này với tệp khoá nhận được qua thư điện tử (đọc qua điện thoại "
                  "hoặc so trên giấy) trước khi đăng ký khoá. Khoá bí mật không bao giờ rời khỏi máy của đơn vị.",
                  body), Spacer(1, 4 * mm), QrFlowable(signing_key, 30 * mm), Spacer(1, 6 * mm),
             signature(office.signer_title, office.signer_name, WIDTH)]
    return build(story, title="Phiếu khoá công khai")
