"""A certificate checked by the serial number printed on it: each answer the office can give, for a citizen's
certificate and a learning model's, typed the ways a clerk types it; and from the command line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db.models import Certificate, Citizen, Decision, Enrolment
from desktop.db.models387 import Household, ModelCertificate, ModelDecision, ModelEnrolment
from desktop.domain.models387 import Model
from desktop.exchange.keys import SIGN_PUBLIC
from desktop.services.certificate_lookup import Serial, parse_serial
from desktop.services.demo import fill_demo
from desktop.services.demo_models import fill_demo_model_year, fill_demo_models
from desktop.services.demo_year import fill_demo_year
from desktop.services.desk import Desk
from desktop.services.model_printing import ModelPrinting
from desktop.services.office import OfficeSetup
from desktop.services.printing import DocumentKind, PrintService, check_certificate

YEAR = 2026
OFFICE = "Hội Khuyến học xã Hàm Thuận"


@pytest.fixture
def printed(office: Desk) -> Desk:
    """The office's year decided, and its certificates printed without a QR code (no keys)."""
    fill_demo(office, 30, seed=3)
    fill_demo_year(office, YEAR, seed=3)
    fill_demo_models(office, seed=3)
    fill_demo_model_year(office, YEAR, seed=3)
    PrintService(office).render(DocumentKind.CERTIFICATE, YEAR)
    ModelPrinting(office).render(DocumentKind.CERTIFICATE, Model.FAMILY, YEAR)
    return office


def first_citizen(r: Desk) -> tuple[str, str, int, str, str, int]:
    """(serial, name, birth year, decision number, signed on, enrolment id) of the first certificate printed."""
    with r.db.reader() as s:
        serial, name, birth_year, number, signed_on, eid = s.execute(
            select(Certificate.serial, Citizen.full_name, Citizen.birth_year, Decision.number, Decision.signed_on,
                   Enrolment.id)
            .join(Enrolment, Enrolment.id == Certificate.enrolment_id).join(Citizen, Citizen.id == Enrolment.citizen_id)
            .join(Decision, Decision.id == Enrolment.decision_id).order_by(Certificate.number)).first()
    return serial, name, birth_year, number, signed_on.strftime("%d/%m/%Y"), eid


def test_serials_are_read_as_clerks_type_them():
    want = Serial("CDHT", 23059, 2026, 35)
    for typed in ("CDHT-23059-2026-00035", "cdht-23059-2026-35", " CDHT 23059 2026 00035 ", "CDHT–23059–2026–00035",
                  "Số: CDHT-23059-2026-00035", "CDHT.23059.2026.00035", "ＣＤＨＴ-23059-2026-00035"):
        assert parse_serial(typed) == want, typed
    assert str(want) == "CDHT-23059-2026-00035"
    assert parse_serial("GDHT-23059-2026-00001").model is Model.FAMILY
    for not_one in ("", "CDHT1|23059|2026|CDHT-23059-2026-00035|Lê Thị Thật|1985|3/QĐ-HKH|sig", "ABCD-23059-2026-00001",
                    "CDHT-23059-26-1", "http://example.com", "CDHT-23059-2026"):
        assert parse_serial(not_one) is None, not_one


def test_a_citizens_certificate_that_holds(printed, caplog):
    serial, name, birth_year, number, signed_on, _ = first_citizen(printed)
    caplog.set_level(logging.DEBUG)
    for typed in (serial, serial.lower().replace("-", " ")):
        check = check_certificate(printed, typed)
        assert check.genuine, check.message
        assert check.message.startswith(
            f"CÓ TRONG SỔ: giấy công nhận số {serial} do {OFFICE} cấp cho {name} (sinh năm {birth_year}), danh hiệu "
            f"“Công dân học tập” năm {YEAR}, quyết định số {number} ngày {signed_on}. Việc công nhận vẫn còn hiệu lực.")
        assert "không chứng minh tờ giấy không bị sửa" in check.message  # a serial is not a signature
        assert check.facts is not None and check.facts.full_name == name and check.facts.serial == serial
    assert name not in caplog.text and serial not in caplog.text  # nothing personal in the log


def test_a_citizens_certificate_whose_recognition_was_withdrawn(printed):
    serial, name, birth_year, number, _, eid = first_citizen(printed)
    sheet = printed.enrolments.sheet(eid)
    printed.enrolments.correct(eid, {i.code: 0 for i in sheet.indicators}, "Phát hiện khai sai, chi hội đề nghị huỷ")
    check = check_certificate(printed, serial)
    assert not check.genuine
    assert check.message.startswith(f"ĐÃ HẾT HIỆU LỰC: giấy công nhận số {serial} do {OFFICE} cấp cho {name} (sinh năm "
                                    f"{birth_year}), danh hiệu “Công dân học tập” năm {YEAR}, quyết định số {number}")
    assert "Phát hiện khai sai, chi hội đề nghị huỷ" in check.message and "Từ ngày " in check.message
    assert check.message.endswith("Hiện nay: không được công nhận.")


def test_a_learning_familys_certificate_and_its_withdrawal(printed):
    with printed.db.reader() as s:
        serial, name, number, signed_on, eid = s.execute(
            select(ModelCertificate.serial, Household.name, ModelDecision.number, ModelDecision.signed_on,
                   ModelEnrolment.id)
            .join(ModelEnrolment, ModelEnrolment.id == ModelCertificate.enrolment_id)
            .join(Household, Household.id == ModelEnrolment.subject_id)
            .join(ModelDecision, ModelDecision.id == ModelEnrolment.decision_id)
            .order_by(ModelCertificate.number)).first()
    assert serial == f"GDHT-23059-{YEAR}-00001"
    check = check_certificate(printed, serial)
    assert check.genuine and check.message.startswith(
        f"CÓ TRONG SỔ: giấy công nhận số {serial} do {OFFICE} cấp cho {name}, danh hiệu “Gia đình học tập” năm "
        f"{YEAR}, quyết định số {number} ngày {signed_on.strftime('%d/%m/%Y')}. Việc công nhận vẫn còn hiệu lực.")
    assert "Đối chiếu tên in trên giấy" in check.message  # a household has no birth year to compare
    cycle = printed.model_cycle(Model.FAMILY)
    cycle.correct(eid, {c.code: 0 for c in cycle.criteria_of(eid).criteria}, "Hộ chuyển đi nơi khác")
    check = check_certificate(printed, serial)
    assert not check.genuine and check.message.startswith(f"ĐÃ HẾT HIỆU LỰC: giấy công nhận số {serial}")
    assert "Hộ chuyển đi nơi khác" in check.message and check.message.endswith("Hiện nay: không được công nhận.")
    # the same serial under another model's prefix is not this certificate
    other = check_certificate(printed, serial.replace("GDHT", "DHHT"))
    assert not other.genuine and other.message.startswith("KHÔNG CÓ TRONG SỔ")


def test_a_serial_the_office_never_gave(printed):
    check = check_certificate(printed, f"CDHT-23059-{YEAR}-09999")
    assert not check.genuine and check.message.startswith(
        f"KHÔNG CÓ TRONG SỔ: {OFFICE} chưa cấp giấy công nhận số CDHT-23059-{YEAR}-09999.")
    assert "gõ nhầm" in check.message
    assert check_certificate(printed, f"CDHT-23059-{YEAR - 1}-00001").message.startswith("KHÔNG CÓ TRONG SỔ")


def test_another_offices_serial(printed, register, tmp_path):
    check = check_certificate(printed, f"CDHT-23060-{YEAR}-00001")
    assert not check.genuine and check.message.startswith(
        f"Giấy số CDHT-23060-{YEAR}-00001 do đơn vị mã 23060 cấp. Sổ của {OFFICE} chỉ có giấy công nhận do {OFFICE} "
        "cấp: hỏi đơn vị mã 23060")
    assert "quét mã QR" in check.message


def test_at_the_upper_level_a_serial_is_the_communes_to_answer(register, tmp_path):
    from desktop.exchange.keys import KeyStore

    register.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng", "Trần Văn Bình",
                                       "Trung ương Hội Khuyến học Việt Nam", (), kind="upper"))
    KeyStore(tmp_path / "xa").create("mat-khau-dai-1")
    register.keys.register(23059, OFFICE, tmp_path / "xa" / SIGN_PUBLIC)
    check = check_certificate(register, f"GDHT-23059-{YEAR}-00001")
    assert not check.genuine and check.message.startswith(
        f"Giấy số GDHT-23059-{YEAR}-00001 do {OFFICE} (mã 23059) cấp. Sổ của cấp trên không giữ số giấy công nhận "
        f"của các xã: hỏi {OFFICE} (mã 23059)")


def test_what_is_neither_a_code_nor_a_serial(printed):
    check = check_certificate(printed, "ABCD-23059-2026-00001")
    assert not check.genuine and check.message.startswith("“ABCD-23059-2026-00001” không phải số giấy công nhận: số "
                                                          "giấy bắt đầu bằng CDHT (một người), GDHT (gia đình học tập)")
    assert check_certificate(printed, "http://example.com").message == "Không phải mã giấy công nhận Công dân học tập."


def test_the_command_line_takes_a_serial(tmp_path: Path, capsys):
    from desktop.__main__ import main
    from desktop.services.desk import open_register

    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "demo", "--citizens", "40", "--year", str(YEAR)]) == 0
    assert main(["--data-dir", data, "print", "giay-cong-nhan", "--year", str(YEAR), "--out",
                 str(tmp_path / "giay.pdf")]) == 0
    r = open_register(tmp_path / "data")
    try:
        code = r.office.info().commune_code
    finally:
        r.close()
    capsys.readouterr()
    assert main(["--data-dir", data, "check-certificate", f"CDHT-{code}-{YEAR}-00001"]) == 0
    assert capsys.readouterr().out.startswith(f"CÓ TRONG SỔ: giấy công nhận số CDHT-{code}-{YEAR}-00001 do ")
    assert main(["--data-dir", data, "check-certificate", f"CDHT-{code}-{YEAR}-09999"]) == 1
    assert capsys.readouterr().out.startswith("KHÔNG CÓ TRONG SỔ")
