from desktop.exchange.certificate_code import CertificateFacts, make_code
from desktop.print import certificates
from desktop.services.printing import DocumentKind, PrintService, check_certificate
from tests.exchange.conftest import PASS, YEAR


def test_printed_certificates_carry_a_signed_code_anyone_can_check(area, monkeypatch):
    drawn = []
    monkeypatch.setattr(certificates, "render_certificates", lambda items, out, progress=None: drawn.extend(items))
    PrintService(area.a).render(DocumentKind.CERTIFICATE, YEAR, passphrase=PASS)
    code = drawn[0].verify_payload
    assert code.startswith("CDHT1|23059|2026|CDHT-23059-2026-")
    at_home = check_certificate(area.a, code)
    assert at_home.genuine and at_home.message.startswith("THẬT: giấy công nhận số CDHT-23059-2026-")
    at_province = check_certificate(area.upper, code)
    assert at_province.genuine and drawn[0].full_name in at_province.message
    forged = code.replace(f"|{drawn[0].full_name}|", "|Nguyễn Văn Giả|")
    assert check_certificate(area.upper, forged).message.startswith("GIẢ hoặc đã bị sửa")
    other = check_certificate(area.b, code)
    assert not other.genuine and "Không biết khoá của đơn vị mã 23059" in other.message
    assert check_certificate(area.a, "http://example.com").message == "Không phải mã giấy công nhận Công dân học tập."


def test_without_the_passphrase_the_room_stays_empty(area, monkeypatch):
    drawn = []
    monkeypatch.setattr(certificates, "render_certificates", lambda items, out, progress=None: drawn.extend(items))
    PrintService(area.b).render(DocumentKind.CERTIFICATE, YEAR)
    assert all(item.verify_payload is None for item in drawn)


def test_a_code_signed_by_another_key(area):
    facts = CertificateFacts(23059, YEAR, "CDHT-23059-2026-00001", "Trần Văn A", 1980, "1/QĐ-HKH")
    code = make_code(facts, area.b.keys.store.signer(PASS))  # commune B's key, claiming to be A
    assert not check_certificate(area.upper, code).genuine


def test_absurd_numbers_get_a_message_not_a_crash(area):
    for code in ("CDHT1|99999999999999999999|2026|X|Y|1980|Z|AAAA", "CDHT1|23059|２０２６|X|Y|1980|Z|AAAA",
                 "CDHT1|-5|2026|X|Y|1980|Z|AAAA", "CDHT1|23059|2026|X|Y|1e9|Z|AAAA"):
        check = check_certificate(area.upper, code)
        assert not check.genuine and check.message == "Mã giấy công nhận hỏng (sai dạng số)."


def test_a_certificate_whose_recognition_was_withdrawn_is_no_longer_valid(area, monkeypatch):
    from sqlalchemy import select

    from desktop.db.models import Certificate

    drawn = []
    monkeypatch.setattr(certificates, "render_certificates", lambda items, out, progress=None: drawn.extend(items))
    PrintService(area.a).render(DocumentKind.CERTIFICATE, YEAR, passphrase=PASS)
    code = drawn[0].verify_payload
    with area.a.db.reader() as s:
        enrolment_id = s.scalar(select(Certificate.enrolment_id).where(Certificate.serial == drawn[0].serial))
    sheet = area.a.enrolments.sheet(enrolment_id)
    area.a.enrolments.correct(enrolment_id, {i.code: 0 for i in sheet.indicators},
                              "Phát hiện khai sai, chi hội đề nghị huỷ")
    at_home = check_certificate(area.a, code)
    assert not at_home.genuine
    assert at_home.message.startswith(f"ĐÃ HẾT HIỆU LỰC: giấy công nhận số {drawn[0].serial}")
    assert "Phát hiện khai sai, chi hội đề nghị huỷ" in at_home.message and "Từ ngày " in at_home.message
    assert "không được công nhận" in at_home.message
    # the province holds no record: the signature is genuine, for what it certified that day
    at_province = check_certificate(area.upper, code)
    assert at_province.genuine and at_province.message.startswith("CHỮ KÝ THẬT:")
    assert "vào ngày ký" in at_province.message
