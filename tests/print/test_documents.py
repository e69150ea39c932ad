"""Every kind of document: the exact Vietnamese text, fonts embedded, A4 pages."""

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from desktop import PRODUCER
from desktop.domain.cycle import Status
from desktop.print.page import Cancelled
from desktop.services.demo import fill_demo
from desktop.services.demo_year import fill_demo_year
from desktop.services.printing import DocumentKind, PrintError, PrintService
from tests.conftest import add

YEAR = 2026


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    from desktop.services.desk import open_register

    register = open_register(tmp_path_factory.mktemp("print") / "data", today=lambda: date(2026, 11, 25))
    fill_demo(register, 400, seed=11)
    fill_demo_year(register, YEAR, seed=11)
    yield register
    register.close()


def text_of(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, unicodedata.normalize("NFC", text)


def fonts_are_embedded(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    return names


def a4(reader: PdfReader) -> bool:
    sizes = {tuple(round(float(v)) for v in page.mediabox.upper_right) for page in reader.pages}
    return sizes <= {(round(A4[0]), round(A4[1])), (round(A4[1]), round(A4[0]))}


EXPECTED = {
    DocumentKind.REGISTRATION: ["PHIẾU ĐĂNG KÝ", "XÂY DỰNG DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM 2026",
                                "Kính gửi: Chi hội Khuyến học Thôn Phú Lập; Hội Khuyến học xã Hàm Thuận."],
    DocumentKind.BLANK_REGISTRATION: ["PHIẾU ĐĂNG KÝ", "Thuộc nhóm đối tượng: ....", "Nông dân, lao động nông thôn"],
    DocumentKind.ASSESSMENT_SHEET: ["PHIẾU TỰ ĐÁNH GIÁ “CÔNG DÂN HỌC TẬP” NĂM 2026",
                                    "1. Năng lực tự học và học tập suốt đời",
                                    "3. Năng lực xây dựng và thực hiện các mối quan hệ xã hội", "Chi hội xét",
                                    "không chỉ số nào dưới 5 điểm"],
    DocumentKind.PROPOSAL: ["DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN", "Chi hội Thôn Phú Lập", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    DocumentKind.DECISION: ["QUYẾT ĐỊNH", "Về việc công nhận danh hiệu “Công dân học tập” năm 2026",
                            "Căn cứ Quyết định số 677/QĐ-TTg ngày 03/6/2022", "Điều 1.", "Nơi nhận:", "(Kèm theo Quyết định số",
                            "Độc lập - Tự do - Hạnh phúc", "HỘI KHUYẾN HỌC XÃ HÀM THUẬN"],
    DocumentKind.CERTIFICATE: ["GIẤY CÔNG NHẬN", "DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM 2026", "Số: CDHT-23059-2026-"],
    DocumentKind.REPORT: ["BÁO CÁO", "Kết quả xây dựng mô hình “Công dân học tập” năm 2026",
                          "1. Kết quả theo nhóm đối tượng", "Cán bộ, công chức, doanh nhân", "Toàn xã",
                          "2. Kết quả theo thôn, khu phố", "Mục tiêu của Chương trình (Quyết định 677/QĐ-TTg)"],
}


def test_no_document_calls_the_programme_an_de_an(commune):
    """677/QĐ-TTg approves a Chương trình; an "Đề án" on signed paper names the wrong legal act."""
    for kind in (DocumentKind.DECISION, DocumentKind.REPORT):
        _, text = text_of(PrintService(commune).render(kind, YEAR).pdf)
        flat = " ".join(text.split())
        assert "Đề án" not in flat and "Chương trình" in flat, kind
        if kind is DocumentKind.DECISION:
            assert "phê duyệt Chương trình “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030”" in flat


def test_place_and_date_lines_follow_decree_30(commune):
    import re

    _, text = text_of(PrintService(commune).render(DocumentKind.DECISION, YEAR).pdf)
    lines = re.findall(r"ngày (\d+) tháng (\d+) năm (\d{4})", text)
    assert lines, "no place-and-date line"
    for day, month, _ in lines:
        assert len(day) == 2 and (int(month) >= 10 or (len(month) == 2) == (int(month) <= 2)), (day, month)


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_every_document_kind(commune, kind):
    village = next(v.id for v in commune.office.villages() if v.name == "Thôn Phú Lập")
    printed = PrintService(commune).render(kind, YEAR, village_id=None if kind is DocumentKind.DECISION else village)
    reader, text = text_of(printed.pdf)
    for expected in EXPECTED[kind]:
        assert expected in text, (kind, expected)
    assert a4(reader)
    assert all("LiberationSerif" in name for name in fonts_are_embedded(reader))  # only the bundled serif
    assert printed.items >= 1
    assert reader.metadata.creator == PRODUCER  # the file says which version made it


def test_sheets_follow_the_entry_screen_order(commune):
    from desktop.db.enrolment_queries import EnrolmentFilter

    row = commune.enrolments.page(EnrolmentFilter(YEAR), 0, 1)[0]
    pdf = PrintService(commune).render(DocumentKind.ASSESSMENT_SHEET, YEAR, enrolment_ids=[row.id]).pdf
    _, text = text_of(pdf)
    sheet = commune.enrolments.sheet(row.id)
    positions = [text.index(i.text[:40]) for i in sheet.indicators]
    assert positions == sorted(positions)
    assert sheet.full_name in text


def test_certificate_serials_and_marked_reprints(commune):
    from desktop.db.enrolment_queries import EnrolmentFilter

    ids = [r.id for r in commune.enrolments.page(EnrolmentFilter(YEAR, statuses=(Status.RECOGNIZED.value,)), 0, 3)]
    service = PrintService(commune)
    first = service.render(DocumentKind.CERTIFICATE, YEAR, enrolment_ids=ids)
    _, text = text_of(first.pdf)
    serials = [line.split("Số: ")[1].strip() for line in text.splitlines() if line.startswith("Số: ")]
    assert len(set(serials)) == 3 and "BẢN IN LẠI" not in text
    again = service.render(DocumentKind.CERTIFICATE, YEAR, enrolment_ids=ids)
    _, text2 = text_of(again.pdf)
    assert text2.count("BẢN IN LẠI") == 3
    assert [line.split("Số: ")[1].strip() for line in text2.splitlines() if line.startswith("Số: ")] == serials


def test_nothing_to_print_says_why(office):
    service = PrintService(office)
    with pytest.raises(PrintError, match="chưa có ai được công nhận"):
        service.render(DocumentKind.CERTIFICATE, YEAR)
    with pytest.raises(PrintError, match="chưa có quyết định"):
        service.render(DocumentKind.DECISION, YEAR)
    with pytest.raises(PrintError, match="Danh sách đề nghị năm 2026 đang trống"):
        service.render(DocumentKind.PROPOSAL, YEAR)
    with pytest.raises(PrintError, match="Chưa có ai đăng ký"):
        service.render(DocumentKind.ASSESSMENT_SHEET, YEAR)
    add(office, "Nguyễn Văn An", birth="1980")
    assert service.render(DocumentKind.REGISTRATION, YEAR).items == 1
    assert service.render(DocumentKind.BLANK_REGISTRATION, YEAR, copies=3).items == 3


def test_cancel_stops_a_batch_and_saves_no_serial(commune):
    from sqlalchemy import func, select

    from desktop.db.models import Certificate

    with commune.db.reader() as s:
        before = s.scalar(select(func.count()).select_from(Certificate))
    with pytest.raises(Cancelled):
        PrintService(commune).render(DocumentKind.ASSESSMENT_SHEET, YEAR, progress=lambda done, total: done < 5)
    with commune.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == before


def test_an_unsigned_certificate_leaves_the_code_space_clean(commune):
    reader, _ = text_of(PrintService(commune).render(DocumentKind.CERTIFICATE, YEAR).pdf)
    content = reader.pages[0].get_contents().get_data()
    assert b"[2 2] 0 d" not in content  # no dashed box where the QR code would go
    assert b"/IM true" not in content  # and no code (draw_qr paints an image mask)


@pytest.mark.parametrize(("body", "authority", "principal", "title", "expected"), [
    ("hkh", "TM.", "Ban Chấp hành", "Chủ tịch",
     ["HỘI KHUYẾN HỌC XÃ HÀM THUẬN", "BAN CHẤP HÀNH HỘI KHUYẾN HỌC XÃ HÀM THUẬN", "TM. BAN CHẤP HÀNH"]),
    ("ubnd", "KT.", "Chủ tịch", "Phó Chủ tịch",
     ["ỦY BAN NHÂN DÂN\nXÃ HÀM THUẬN", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM THUẬN", "KT. CHỦ TỊCH",
      "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Hàm Thuận"]),
    ("ubnd", "Q.", "", "Chủ tịch", ["ỦY BAN NHÂN DÂN\nXÃ HÀM THUẬN", "Q. CHỦ TỊCH"]),
])
def test_the_issuing_body_and_the_signers_authority(register, body, authority, principal, title, expected):
    fill_demo(register, 150, seed=5)
    fill_demo_year(register, YEAR, seed=5)
    info = register.office.info()
    register.office.set_signer("Thử", title, "Trần Văn Bình", f"QĐ-{body.upper()}", issuing_body=body,
                               authority=authority, principal=principal,
                               legal_bases="Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh")
    assert info.decision_symbol == "QĐ-HKH"
    service = PrintService(register)
    _, text = text_of(service.render(DocumentKind.DECISION, YEAR).pdf)
    text = re.sub(r"\s*\n\s*", "\n", text)
    flat = text.replace("\n", " ")
    for line in expected:
        assert line in text or ("\n" not in line and line in flat), (line, text[:1500])
    assert "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh;" in text.replace("\n", " ")
    _, report = text_of(service.render(DocumentKind.REPORT, YEAR).pdf)
    report = re.sub(r"\s*\n\s*", "\n", report)
    assert f"/BC-{body.upper()}" in report and "Nơi nhận:" in report and "theo nơi làm việc" in report
    signs = register.office.info().issuer().signature_lines()  # the office's signer, as set now
    assert "\n".join(signs) in report and signs[-1] in ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH")


def test_the_office_checks_its_settings(register):
    from desktop.services.office import OfficeError

    with pytest.raises(OfficeError, match="cần ghi thay mặt ai"):
        register.office.set_signer("Thử", "Chủ tịch", "A", "QĐ-HKH", authority="TM.", principal="")
    with pytest.raises(OfficeError, match="bắt đầu bằng “Căn cứ”"):
        register.office.set_signer("Thử", "Chủ tịch", "A", "QĐ-HKH", legal_bases="Theo kế hoạch của tỉnh")
