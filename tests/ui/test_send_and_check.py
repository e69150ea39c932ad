"""Sending the year's file up, with the keys pressed as a clerk presses them: the dialog opens on its primary
button, says at once what is missing and where to set it up, and refuses a wrong passphrase before asking
for a folder. Checking a certificate by its QR code or by the serial number printed on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from sqlalchemy import select

from desktop.db.models import Certificate
from desktop.exchange.keys import AGE_RECIPIENT, SIGN_PUBLIC
from desktop.services.desk import Desk
from desktop.ui.exchange_pages import SendDialog
from desktop.ui.passphrase import PassphraseKeeper
from tests.conftest import add
from tests.ui.conftest import PASS
from tests.ui.keys import focused, press, shown, type_text

YEAR = 2026

pytestmark = pytest.mark.usefixtures("quiet_messages")


def with_keys(office: Desk, key_files: Path, own: bool = True, upper: bool = True) -> Desk:
    if own:
        shutil.copytree(key_files / "xa", office.keys.store.folder)
    if upper:
        office.keys.import_upper(key_files / "tinh" / SIGN_PUBLIC, key_files / "tinh" / AGE_RECIPIENT)
    return office


class Asked:
    """The questions a press asks, recorded and answered."""

    def __init__(self, monkeypatch, passphrase: str | None, folder: Path | None) -> None:  # noqa: ANN001
        self.passphrases: list[str] = []
        self.folders: list[str] = []

        def text(parent, title, label, *a, **k):  # noqa: ANN001, ANN002, ANN003
            self.passphrases.append(label)
            return (passphrase or "", passphrase is not None)

        def directory(parent, title, *a, **k):  # noqa: ANN001, ANN002, ANN003
            self.folders.append(title)
            return str(folder) if folder else ""

        monkeypatch.setattr(QInputDialog, "getText", text)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", directory)


def opened(qtbot, register: Desk, keeper: PassphraseKeeper | None = None) -> SendDialog:  # noqa: ANN001
    return shown(qtbot, SendDialog(register, YEAR, keeper or PassphraseKeeper()))


def test_the_dialog_opens_on_its_primary_button_saying_what_is_missing(qtbot, office, monkeypatch):
    asked = Asked(monkeypatch, PASS, None)
    dialog = opened(qtbot, office)
    assert focused() is dialog.export_button and dialog.export_button.text() == f"Xuất gói năm {YEAR}…"
    said = dialog.status.text()  # before any key is pressed
    assert "Chưa có khoá của cấp trên (Hội Khuyến học tỉnh Lâm Đồng)" in said
    assert "menu Trao đổi → Khoá của đơn vị → Nhập khoá của cấp trên…" in said
    assert "Đơn vị chưa có khoá để ký gói" in said and "menu Trao đổi → Khoá của đơn vị → Tạo khoá…" in said
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Space)
    assert asked.passphrases == [] and asked.folders == [] and dialog.status.text() == said


def test_only_the_upper_levels_key_missing(qtbot, office, key_files, monkeypatch):
    Asked(monkeypatch, PASS, None)
    dialog = opened(qtbot, with_keys(office, key_files, upper=False))
    assert dialog.status.text().startswith("Chưa có khoá của cấp trên") and "Tạo khoá" not in dialog.status.text()


def test_a_wrong_passphrase_is_refused_before_the_folder_is_asked(qtbot, office, key_files, monkeypatch, tmp_path):
    out = tmp_path / "gui-di"
    out.mkdir()
    asked = Asked(monkeypatch, "sai-mat-khau-9", out)
    keeper = PassphraseKeeper()
    dialog = opened(qtbot, with_keys(office, key_files), keeper)
    assert dialog.status.text().startswith("Bấm Enter") and "Hội Khuyến học tỉnh Lâm Đồng" in dialog.status.text()
    press(Qt.Key.Key_Return, dialog)  # Enter on the dialog: its default button
    assert len(asked.passphrases) == 1 and asked.folders == []
    assert dialog.status.text().startswith("Mật khẩu khoá không đúng.") and "gõ lại" in dialog.status.text()
    assert keeper.value is None and office.sending.sent() == [] and list(out.iterdir()) == []
    assert focused() is dialog.export_button  # Enter again tries again


def test_the_right_passphrase_then_the_folder_then_the_file(qtbot, office, key_files, monkeypatch, tmp_path):
    add(office, "Nguyễn Văn An", birth="1980")
    office.enrolments.register_all(YEAR)
    out = tmp_path / "gui-di"
    out.mkdir()
    asked = Asked(monkeypatch, PASS, out)
    keeper = PassphraseKeeper()
    dialog = opened(qtbot, with_keys(office, key_files), keeper)
    press(Qt.Key.Key_Space)  # Space on the focused button, as Enter
    assert len(asked.passphrases) == 1 and len(asked.folders) == 1
    [made] = out.iterdir()
    assert made.name == f"cdht-23059-{YEAR}-01.age" and dialog.status.text().startswith(f"Đã xuất {made}")
    assert keeper.value == PASS and dialog.table.rowCount() == 1
    press(Qt.Key.Key_Return)  # the next package: the passphrase is not asked again this session
    assert len(asked.passphrases) == 1 and len(asked.folders) == 2 and len(list(out.iterdir())) == 2


def test_a_folder_that_cannot_be_written_is_said(qtbot, office, key_files, monkeypatch, tmp_path):
    not_a_folder = tmp_path / "tep"
    not_a_folder.write_text("một tệp, không phải thư mục", encoding="utf-8")
    Asked(monkeypatch, PASS, not_a_folder)
    dialog = opened(qtbot, with_keys(office, key_files))
    press(Qt.Key.Key_Return)
    assert dialog.status.text().startswith("Không ghi được") and "Chọn thư mục khác" in dialog.status.text()


def test_the_upper_level_can_import_its_own_upper_levels_key(qtbot, register, key_files, monkeypatch):
    """A province sends its summary further up: the keys' window offers the import there too."""
    from desktop.services.office import OfficeSetup
    from desktop.ui.keys_dialog import KeysDialog

    register.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng", "Trần Văn Bình",
                                       "Trung ương Hội Khuyến học Việt Nam", (), kind="upper"))
    shutil.copytree(key_files / "tinh", register.keys.store.folder)
    send = opened(qtbot, register)
    assert "Khoá của đơn vị và của các xã → Nhập khoá của cấp trên…" in send.status.text()
    keys = KeysDialog(register, PassphraseKeeper())
    qtbot.addWidget(keys)
    assert [b.text() for b in keys.findChildren(type(send.export_button)) if "cấp trên" in b.text()] == \
        ["Nhập khoá của cấp trên…"]
    keys.import_upper_from(key_files / "xa" / SIGN_PUBLIC, key_files / "xa" / AGE_RECIPIENT)
    assert "Cấp trên (Trung ương Hội Khuyến học Việt Nam)" in keys.other.text()
    assert opened(qtbot, register).status.text().startswith("Bấm Enter")


# checking a certificate -------------------------------------------------------------------------------------

@pytest.fixture
def printed(office: Desk) -> Desk:
    """A year decided and its certificates printed without a QR code (the office has no keys)."""
    from desktop.services.demo import fill_demo
    from desktop.services.demo_year import fill_demo_year
    from desktop.services.printing import DocumentKind, PrintService

    fill_demo(office, 20, seed=4)
    fill_demo_year(office, YEAR, seed=4)
    PrintService(office).render(DocumentKind.CERTIFICATE, YEAR)
    return office


def check_dialog(qtbot, register: Desk):  # noqa: ANN001, ANN201
    from desktop.ui.exchange_pages import CheckCertificateDialog

    return shown(qtbot, CheckCertificateDialog(register))


def test_the_check_says_what_can_be_typed_and_answers_a_serial(qtbot, printed, monkeypatch):
    from desktop.ui import exchange_pages

    with printed.db.reader() as s:
        serial, eid = s.execute(select(Certificate.serial, Certificate.enrolment_id)
                                .order_by(Certificate.number)).first()
    name = printed.enrolments.sheet(eid).full_name
    calls = []
    real = exchange_pages.check_certificate
    monkeypatch.setattr(exchange_pages, "check_certificate", lambda r, code: calls.append(code) or real(r, code))
    dialog = check_dialog(qtbot, printed)
    assert focused() is dialog.code
    hint = dialog.hint.text()
    assert "Mã QR" in hint and "Số giấy" in hint and "CDHT-23059-" in hint and "GDHT-" in hint
    assert "Giấy in không có mã QR" in hint and "kiểm tra bằng số giấy" in hint

    type_text(serial.lower())  # typed as it comes, in small letters
    press(Qt.Key.Key_Return)
    assert calls == [serial.lower()]  # Enter checks once (the box's Enter and the default button are one)
    assert dialog.result.text().startswith(f"CÓ TRONG SỔ: giấy công nhận số {serial} do Hội Khuyến học xã Hàm Thuận "
                                           f"cấp cho {name} (sinh năm ")
    assert "1b5e20" in dialog.result.styleSheet()
    assert focused() is dialog.code and dialog.code.selectedText() == serial.lower()  # the next one types over it

    type_text(f"CDHT-23059-{YEAR}-09999")
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith(f"KHÔNG CÓ TRONG SỔ: Hội Khuyến học xã Hàm Thuận chưa cấp giấy công nhận "
                                           f"số CDHT-23059-{YEAR}-09999.")
    assert "b00020" in dialog.result.styleSheet()

    printed.enrolments.correct(eid, {i.code: 0 for i in printed.enrolments.sheet(eid).indicators}, "Khai sai")
    type_text(serial)
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith(f"ĐÃ HẾT HIỆU LỰC: giấy công nhận số {serial}")
    assert "Khai sai" in dialog.result.text()

    type_text("GDHT-23060-2026-00001")
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith("Giấy số GDHT-23060-2026-00001 do đơn vị mã 23060 cấp.")

    type_text("xin chao")
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith("Không phải mã giấy công nhận Công dân học tập. Quét hoặc dán mã QR")

    press(Qt.Key.Key_Delete)
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith("Chưa có gì để kiểm tra")
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()



def test_a_scanned_qr_code_is_checked_by_its_signature(qtbot, printed, key_files):
    from desktop.db.models import Citizen, Decision, Enrolment
    from desktop.exchange.certificate_code import CertificateFacts, make_code

    with_keys(printed, key_files, upper=False)
    with printed.db.reader() as s:
        serial, name, birth_year, number = s.execute(
            select(Certificate.serial, Citizen.full_name, Citizen.birth_year, Decision.number)
            .join(Enrolment, Enrolment.id == Certificate.enrolment_id).join(Citizen, Citizen.id == Enrolment.citizen_id)
            .join(Decision, Decision.id == Enrolment.decision_id).order_by(Certificate.number)).first()
    facts = CertificateFacts(23059, YEAR, serial, name, birth_year, number)
    code = make_code(facts, printed.keys.store.signer(PASS))
    dialog = check_dialog(qtbot, printed)
    type_text(code)  # a scanner types the code, then Enter
    press(Qt.Key.Key_Return)
    assert dialog.result.text().startswith(f"THẬT: giấy công nhận số {serial} do Hội Khuyến học xã Hàm Thuận cấp "
                                           f"cho {name} (sinh năm {birth_year})")
    assert "1b5e20" in dialog.result.styleSheet()
