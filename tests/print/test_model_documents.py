"""A learning model's proposal list and decision with its annex, laid out as the citizens' (Decree 30),
naming the model's title, Decision 387 and the households (clans, villages, units); read back with pdftotext."""

from __future__ import annotations

import subprocess

import pytest

from desktop.__main__ import main
from desktop.domain.models387 import Model
from desktop.services.model_printing import ModelPrinting
from desktop.services.model_registers import HouseholdDraft
from desktop.services.printing import DocumentKind, PrintError
from tests.conftest import add, village_id
from tests.services.test_model_stats import YEAR, recognize


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_a_familys_proposal_list_and_decision(office, tmp_path, capsys):
    homes = [office.households.save(HouseholdDraft(f"Hộ ông {n}", village_id(office, "Thôn Đông"),
                                                   add(office, n, birth="1970")))
             for n in ("Nguyễn Văn An", "Trần Văn Bình")]
    service = ModelPrinting(office)
    with pytest.raises(PrintError, match="Danh sách đề nghị công nhận Gia đình học tập năm 2026 đang trống"):
        service.render(DocumentKind.PROPOSAL, Model.FAMILY, YEAR)
    recognize(office, Model.FAMILY, homes)
    proposal = text_of(service.render(DocumentKind.PROPOSAL, Model.FAMILY, YEAR).pdf, tmp_path)
    assert "DANH HIỆU “GIA ĐÌNH HỌC TẬP” NĂM 2026" in proposal and "Tổng số: 2 hộ." in proposal
    assert "Hộ ông Nguyễn Văn An" in proposal and "Thôn Đông, chủ hộ Trần Văn Bình" in proposal
    assert "Năm sinh" not in proposal
    decision = text_of(service.render(DocumentKind.DECISION, Model.FAMILY, YEAR).pdf, tmp_path)
    assert "Về việc công nhận danh hiệu “Gia đình học tập” năm 2026" in decision
    assert "Căn cứ Quyết định số 387/QĐ-TTg ngày 25/3/2022" in decision
    assert "Công nhận danh hiệu “Gia đình học tập” năm 2026 cho 2 hộ gia đình" in decision
    assert "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC CÔNG NHẬN DANH HIỆU “GIA ĐÌNH HỌC TẬP” NĂM 2026" in decision
    assert "family/QĐ-HKH" in decision and "Công dân học tập" not in decision
    with pytest.raises(PrintError, match="phiếu đăng ký, phiếu tự đánh giá, danh sách đề nghị"):
        service.render(DocumentKind.REPORT, Model.FAMILY, YEAR)
    folder = str(office.folder)
    office.close()
    out = tmp_path / "qd.pdf"
    assert main(["--data-dir", folder, "print", "quyet-dinh", "--model", "family", "--year", str(YEAR),
                 "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "gia đình học tập (2)" in capsys.readouterr().out



def test_a_units_certificates_numbered_signed_and_checked(office, tmp_path):
    from desktop.services.model_registers import OrganisationDraft
    from desktop.services.printing import check_certificate

    office.keys.create("mat-khau-dai-du")
    unit = office.organisations.save(OrganisationDraft("Trạm Y tế xã Hàm Thuận", "co-quan", 12))
    recognize(office, Model.UNIT, [unit])
    service = ModelPrinting(office)
    first = service.render(DocumentKind.CERTIFICATE, Model.UNIT, YEAR, passphrase="mat-khau-dai-du")
    text = text_of(first.pdf, tmp_path)
    assert "DANH HIỆU “ĐƠN VỊ HỌC TẬP” NĂM 2026" in text and "TRẠM Y TẾ XÃ HÀM THUẬN" in text
    assert "Số: DVHT-23059-2026-00001" in text and "Sinh:" not in text and "BẢN IN LẠI" not in text
    assert "Xã Hàm Thuận, Lâm Đồng" in text and "người trong sổ" not in text  # where it is, not the register's count
    again = text_of(service.render(DocumentKind.CERTIFICATE, Model.UNIT, YEAR).pdf, tmp_path)
    assert "Số: DVHT-23059-2026-00001" in again and "BẢN IN LẠI" in again  # the same number, marked
    # the QR's code, as a phone reads it: genuine, naming the unit and its title; then no longer valid
    from desktop.exchange.certificate_code import CertificateFacts, make_code

    code = make_code(CertificateFacts(23059, YEAR, "DVHT-23059-2026-00001", "Trạm Y tế xã Hàm Thuận", 0,
                                      "unit/QĐ-HKH"), office.keys.store.signer("mat-khau-dai-du"))
    result = check_certificate(office, code)
    assert result.genuine and "cấp cho Trạm Y tế xã Hàm Thuận, danh hiệu “Đơn vị học tập” năm 2026" in result.message
    cycle = office.model_cycle(Model.UNIT)
    cycle.correct(cycle.of_subject(unit, YEAR), {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}, "Nhập nhầm phiếu")
    later = check_certificate(office, code)
    assert not later.genuine and "không còn hiệu lực" in later.message


def test_a_clans_registration_forms_and_score_sheets(office, tmp_path):
    from desktop.services.model_registers import ClanDraft

    office.clans.save(ClanDraft("Họ Nguyễn Văn (chi trưởng)", "Ông Nguyễn Văn An"))
    office.clans.save(ClanDraft("Họ Trần (chi hai)"))
    service = ModelPrinting(office)
    forms = service.render(DocumentKind.REGISTRATION, Model.CLAN, YEAR)
    assert forms.items == 2
    text = text_of(forms.pdf, tmp_path)
    assert "PHIẾU ĐĂNG KÝ XÂY DỰNG “DÒNG HỌ HỌC TẬP” NĂM 2026" in text and "Họ Trần (chi hai)" in text
    assert "TRƯỞNG HỌ" in text and "Dòng họ có quy ước hoặc kế hoạch khuyến học" in text
    with pytest.raises(PrintError, match="chưa đăng ký dòng họ học tập nào"):
        service.render(DocumentKind.ASSESSMENT_SHEET, Model.CLAN, YEAR)
    office.model_cycle(Model.CLAN).register_all(YEAR)
    sheets = service.render(DocumentKind.ASSESSMENT_SHEET, Model.CLAN, YEAR)
    text = text_of(sheets.pdf, tmp_path)
    assert sheets.items == 2 and "PHIẾU TỰ ĐÁNH GIÁ “DÒNG HỌ HỌC TẬP” NĂM 2026" in text
    assert "Tự chấm" in text and "Đạt danh hiệu khi tổng từ 70 điểm" in text
    assert "0 hộ, liên hệ Ông Nguyễn Văn An" in text
