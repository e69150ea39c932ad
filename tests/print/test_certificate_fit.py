"""Long texts on the certificate are set smaller to fit inside the frame: never cut, never over it."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from desktop.print.certificates import render_certificates
from desktop.print.data import CertificateData, OfficeHeader

LONG_NAME = "Hoàng Trương Nguyễn Thượng Huỳnh Khương Mạnh Đ"  # 46 characters, wide letters
LONG_VILLAGE = "Tổ dân phố số 12 khu phố Phú Lập Thượng mở rộng"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (scripts/setup.sh) gives word boxes")
def test_a_46_letter_name_stays_inside_the_frame(tmp_path):
    assert len(LONG_NAME) == 46
    office = OfficeHeader("Tỉnh Lâm Đồng", "Xã Hàm Thuận Bắc Mở Rộng", "Hội Khuyến học xã Hàm Thuận Bắc",
                          "Hội Khuyến học tỉnh Lâm Đồng", "Chủ tịch", "Nguyễn Văn Ba", "Hàm Thuận Bắc")
    item = CertificateData(office, 2026, LONG_NAME, "05/03/1980", LONG_VILLAGE, "12/QĐ-HKH", date(2026, 11, 20),
                           "Phó Chủ tịch Thường trực Hội Khuyến học xã", "Tôn Nữ Thị Hoàng Mai Anh", "CDHT-1-2026-00001")
    out = io.BytesIO()
    render_certificates([item], out)
    pdf = tmp_path / "giay.pdf"
    pdf.write_bytes(out.getvalue())
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(a), float(b), w) for a, b, w in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                                              r'yMax="[\d.]+">([^<]*)<', html)]
    width = landscape(A4)[0]
    inner = (14 * mm, width - 14 * mm)  # the inner line of the frame
    assert all(inner[0] < left and right < inner[1] for left, right, _ in words), \
        [w for w in words if not inner[0] < w[0] or not w[1] < inner[1]]
    text = " ".join(w for _, _, w in words)
    assert LONG_NAME.upper() in text and LONG_VILLAGE in text  # whole, not cut
