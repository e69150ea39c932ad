from PySide6.QtWidgets import QInputDialog, QWizard

from desktop import __version__
from desktop.ui.main_window import MainWindow
from desktop.ui.setup_wizard import SetupWizard
from tests.ui.keys import type_text


def test_first_start_wizard_by_typing(qtbot, register):
    wizard = SetupWizard(register.office)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    # page 1: nothing chosen yet -> a message, the wizard stays
    wizard.next()
    assert wizard.currentId() == 0
    assert "Hãy chọn" in wizard.place_error.text()
    type_text("lam d", wizard.province)
    assert wizard.province.currentText() == "Lâm Đồng"
    type_text("ham thuan", wizard.commune)
    assert wizard.commune.currentText() == "Xã Hàm Thuận"
    wizard.next()
    assert wizard.currentId() == 1
    assert wizard.association.text() == "Hội Khuyến học xã Hàm Thuận"
    assert wizard.upper.text() == "Hội Khuyến học tỉnh Lâm Đồng"
    type_text("nguyễn thị lan", wizard.clerk)
    wizard.next()
    assert wizard.currentId() == 2
    # no village yet: refused with a message, nothing saved
    wizard.next()
    assert wizard.currentId() == 2 and "ít nhất một thôn" in wizard.villages_error.text()
    assert register.office.info() is None
    wizard.villages.setPlainText("Thôn 1\nthôn phú lập\n\nThôn 1\n")
    wizard.next()
    assert wizard.currentId() == 3
    type_text("ngan-qua", wizard.passphrase)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "ít nhất 8 ký tự" in wizard.keys_error.text() or "không giống nhau" in wizard.keys_error.text()
    assert register.office.info() is None
    wizard.passphrase.clear()  # keys can be made later
    wizard.button(QWizard.WizardButton.FinishButton).click()
    info = register.office.info()
    assert (info.commune_name, info.province_name, info.clerk_name) == ("Xã Hàm Thuận", "Lâm Đồng", "Nguyễn Thị Lan")
    assert [v.name for v in register.office.villages()] == ["Thôn 1", "Thôn Phú Lập"]


def test_wizard_for_a_city(qtbot, register):
    wizard = SetupWizard(register.office)
    qtbot.addWidget(wizard)
    type_text("ha noi", wizard.province)
    type_text("hoan kiem", wizard.commune)
    assert wizard.commune.currentText() == "Phường Hoàn Kiếm"
    assert wizard.upper.text() == "Hội Khuyến học thành phố Hà Nội"


def test_main_window_villages_and_clerk(qtbot, office, monkeypatch):
    window = MainWindow(office)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == f"Sổ Công dân học tập {__version__} — Hội Khuyến học xã Hàm Thuận"
    assert window.clerk_label.text() == "Cán bộ nhập liệu: Nguyễn Thị Lan"
    assert [m.title() for m in (a.menu() for a in window.menuBar().actions())] == ["&Người dân", "&Excel",
                                                                                    "&Trao đổi", "&Danh mục",
                                                                                    "&Sao lưu", "&Xem", "Trợ &giúp"]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("trần văn bình", True)))
    window.change_clerk()
    assert window.clerk_label.text() == "Cán bộ nhập liệu: Trần Văn Bình"
    assert office.office.clerk_name() == "Trần Văn Bình"

    from desktop.ui.villages_dialog import VillagesDialog

    dialog = VillagesDialog(office.office)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Khu phố 4", True)))
    dialog.add()
    assert dialog.list.item(dialog.list.count() - 1).text() == "Khu phố 4  (0 người)"
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Thôn Phú Lập", True)))
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    monkeypatch.setattr("desktop.ui.messages.warn", lambda parent, title, text: warned.append(text))
    warned: list[str] = []
    dialog.rename()
    assert warned == ["Đã có “Thôn Phú Lập” trong danh sách thôn/khu phố."]


def test_an_upper_level_office_with_its_keys(qtbot, register):
    wizard = SetupWizard(register.office, keys=register.keys)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.is_upper.setChecked(True)
    type_text("lam d", wizard.province)
    assert not wizard.commune.isEnabled()
    wizard.next()
    assert wizard.association.text() == "Hội Khuyến học tỉnh Lâm Đồng"
    type_text("Trần Văn Tỉnh", wizard.clerk)
    wizard.next()
    wizard.next()  # no villages at an upper level
    assert wizard.currentId() == 3
    type_text("mat-khau-tinh", wizard.passphrase)
    type_text("mat-khau-tinh", wizard.passphrase_again)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    info = register.office.info()
    assert info.is_upper and info.commune_code == 68 and register.keys.store.exists()


def test_keys_that_cannot_be_written_leave_the_set_up_saved_and_say_so(qtbot, register, monkeypatch):
    from desktop.ui import messages

    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _p, title, text: said.append(text))
    monkeypatch.setattr(register.keys, "create", lambda secret: (_ for _ in ()).throw(PermissionError(13, "Từ chối")))
    wizard = SetupWizard(register.office, keys=register.keys)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.is_upper.setChecked(True)
    type_text("lam d", wizard.province)
    wizard.next()
    type_text("Trần Văn Tỉnh", wizard.clerk)
    wizard.next()
    wizard.next()
    type_text("mat-khau-tinh", wizard.passphrase)
    type_text("mat-khau-tinh", wizard.passphrase_again)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert register.office.info() is not None and not register.keys.store.exists()
    assert len(said) == 1 and "Không ghi được khoá" in said[0] and "Trao đổi → Khoá của đơn vị" in said[0]


def test_the_program_has_its_icon(qapp):
    from desktop.ui.app import make_app

    icon = make_app().windowIcon()
    assert not icon.isNull() and icon.availableSizes()[0].width() >= 256


def test_the_wizard_is_safe_for_the_keyboard(qtbot, register, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.ui import messages
    from tests.ui.keys import focused, press

    wizard = SetupWizard(register.office)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitActive(wizard)
    # the first field has the keyboard, not the upper-level box, which a typed space would tick
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.province)
    type_text(" lam d")
    assert wizard.province.currentText() == "Lâm Đồng" and not wizard.is_upper.isChecked()
    assert "huyện" not in wizard.is_upper.text()
    type_text("ham thuan", wizard.commune)
    # Enter with the focus on Huỷ goes on (the default button), never cancels
    wizard.button(QWizard.WizardButton.CancelButton).setFocus()
    press(Qt.Key.Key_Return)
    assert wizard.isVisible() and wizard.currentId() == 1
    assert focused() is wizard.association
    type_text("nguyễn thị lan", wizard.clerk)
    press(Qt.Key.Key_Return, wizard.clerk)
    assert wizard.currentId() == 2 and focused() is wizard.villages
    type_text("Thôn 1")
    press(Qt.Key.Key_Tab)
    assert focused() is not wizard.villages and wizard.villages.toPlainText() == "Thôn 1"
    # Esc after typing asks first; "go on typing" keeps everything
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a) or False)
    press(Qt.Key.Key_Escape, wizard.villages)
    assert asked and wizard.isVisible() and wizard.villages.toPlainText() == "Thôn 1"
    assert QApplication.activeModalWidget() is None or QApplication.activeModalWidget() is wizard
