"""The canvas that writes pages as they are drawn: files any reader opens, memory that does not grow with
the pages (the whole commune's sheets in one file)."""

import io
import shutil
import subprocess
import tracemalloc

import pytest
from pypdf import PdfReader

from desktop.print.assessment import render_assessment_sheets
from desktop.print.data import AssessmentSheetData, IndicatorLine, OfficeHeader, Person
from desktop.print.fonts import SERIF
from desktop.print.page import PORTRAIT
from desktop.print.streamed import StreamedCanvas

OFFICE = OfficeHeader("Tỉnh Lâm Đồng", "Xã Hàm Thuận", "Hội Khuyến học xã Hàm Thuận", "Hội Khuyến học tỉnh Lâm Đồng",
                      "Chủ tịch", "Nguyễn Văn Ba", "Hàm Thuận")
INDICATORS = tuple(IndicatorLine(f"{c}.{i}", str(c), f"Chỉ số {c}.{i}: đọc sách, báo; học nghề", 10)
                   for c in (1, 2, 3) for i in (1, 2, 3))
COMPETENCES = {"1": "Năng lực tự học", "2": "Năng lực sử dụng công cụ", "3": "Năng lực xây dựng quan hệ"}


def sheets(n: int, group: int = 1):
    for i in range(n):
        person = Person(f"uuid-{i}", f"Nguyễn Thị Hồng Nhung {i}", "05/03/1980", "Nữ", "", "Thôn Phú Lập",
                        "Nông dân, lao động nông thôn", "", "")
        yield AssessmentSheetData(OFFICE, 2026, person, group, COMPETENCES, INDICATORS, 80, 5,
                                  f"7f3c8a52-0000-4000-8000-{i:012d}")


def test_every_page_is_read_back_by_pypdf_and_poppler(tmp_path):
    out = io.BytesIO()
    canvas = StreamedCanvas(out, PORTRAIT, "Thử nghiệm")
    canvas.beginForm("khung")
    canvas.setFont(SERIF, 12)
    canvas.drawString(72, 700, "Phần chung của mọi trang")
    canvas.endForm()
    for i in range(120):
        canvas.doForm("khung")
        canvas.setFont(SERIF + "-Bold", 14)
        canvas.drawString(72, 600, f"Trang số {i + 1}: Đặng Thị Ánh Tuyết")
        canvas.showPage()
    canvas.save()
    reader = PdfReader(io.BytesIO(out.getvalue()), strict=True)
    assert len(reader.pages) == 120 and reader.metadata.title == "Thử nghiệm"
    for i in (0, 57, 119):
        text = reader.pages[i].extract_text()
        assert f"Trang số {i + 1}: Đặng Thị Ánh Tuyết" in text and "Phần chung của mọi trang" in text
    if shutil.which("pdftotext"):
        path = tmp_path / "thu.pdf"
        path.write_bytes(out.getvalue())
        text = subprocess.run(["pdftotext", "-f", "120", "-l", "120", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Trang số 120: Đặng Thị Ánh Tuyết" in text


class _Drain(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001
        return len(data)


def _peak(n: int) -> int:
    tracemalloc.start()
    try:
        render_assessment_sheets(sheets(n), n, _Drain())  # the bytes go out: only what is held is counted
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_pages():
    few, many = _peak(100), _peak(1_600)
    # reportlab alone holds about 13 KB a page until it saves; here a page leaves its index entries (~0.7 KB)
    assert (many - few) / 1_500 < 1_000, (few, many)


@pytest.mark.parametrize("group", [1, 3])
def test_sheets_place_the_person_and_the_shared_form(group):
    out = io.BytesIO()
    assert render_assessment_sheets(sheets(3, group), 3, out) == 3
    reader = PdfReader(io.BytesIO(out.getvalue()), strict=True)
    text = reader.pages[2].extract_text()
    assert "Nguyễn Thị Hồng Nhung 2" in text and f"Nhóm {group}:" in text and "Chỉ số 3.3" in text
    assert len(out.getvalue()) < 3 * 30_000  # the form is written once, not on every page
