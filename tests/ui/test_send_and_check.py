"""Sending the year's file up, with the keys pressed as a clerk presses them: the dialog opens on its primary
button, says at once what is missing and where to set it up, and refuses a wrong passphrase before asking
for a folder. Checking a certificate by its QR code or by the serial number printed on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from desktop.exchange.keys import AGE_RECIPIENT, SIGN_PUBLIC, KeyStore
from desktop.services.desk import Desk
from desktop.ui.exchange_pages import SendDialog
from desktop.ui.passphrase import PassphraseKeeper
from tests.conftest import add
from tests.ui.keys import focused, press

YEAR = 2026
PASS = "mat-khau-dai-1"
pytestmark = pytest.mark.usefixtures("quiet_messages")


@pytest.fixture(scope="module")
def key_files(tmp_path_factory) -> Path:
    """The commune's keys and its province's, made once (scrypt takes a second each)."""
    root = tmp_path_factory.mktemp("khoa")
    KeyStore(root / "xa").create(PASS)
    KeyStore(root / "tinh").create(PASS)
    return root


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
    dialog = SendDialog(register, YEAR, keeper or PassphraseKeeper())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


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
