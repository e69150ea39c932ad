"""First start: the commune (from the official list), the association, the clerk, the villages."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain import admin_units
from desktop.exchange.keys import KeyError_
from desktop.services.office import OfficeError, OfficeService, OfficeSetup
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.widgets import ErrorLabel, FoldingComboBox

log = logging.getLogger(__name__)

class SetupWizard(QWizard):
    def __init__(self, office: OfficeService, parent: QWidget | None = None, keys=None,  # noqa: ANN001
                 restore: Callable[[QWidget], bool] | None = None) -> None:
        """`keys` (a KeyService): when given, the last page creates the office's keys. `restore`: when given,
        a button restores a backup instead (a new PC taking over an office's register); the wizard then
        closes unfinished."""
        super().__init__(parent)
        self._office = office
        self._keys = keys
        self.setWindowTitle("Thiết lập Sổ Công dân học tập")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        for button, text in ((QWizard.WizardButton.NextButton, "Tiếp theo >"),
                             (QWizard.WizardButton.BackButton, "< Quay lại"),
                             (QWizard.WizardButton.FinishButton, "Hoàn tất"),
                             (QWizard.WizardButton.CancelButton, "Huỷ")):
            self.setButtonText(button, text)
        fit(self, "thiet-lap", 620, 460)
        if restore is not None:
            self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
            self.setButtonText(QWizard.WizardButton.CustomButton1, "&Khôi phục từ bản sao lưu…")
            self.customButtonClicked.connect(lambda _which: restore(self) and self.reject())

        # 1. the commune
        self.province = FoldingComboBox()
        self.province.addItem("— chọn tỉnh/thành phố —", None)
        for p in admin_units.provinces():
            self.province.addItem(p.name, p.code)
        self.commune = FoldingComboBox()
        self.is_upper = QCheckBox("Đây là đơn vị cấp trên (Hội Khuyến học tỉnh, thành phố): nhận và tổng hợp "
                                  "tệp của các xã")
        self.is_upper.toggled.connect(self._kind_changed)
        self.province.currentIndexChanged.connect(self._load_communes)
        self.commune.currentIndexChanged.connect(self._suggest_names)
        self.place_error = ErrorLabel()
        page1 = _page("Đơn vị hành chính", "Chọn tỉnh/thành phố rồi xã/phường của Hội (danh mục sau sắp xếp "
                                           "ngày 01/07/2025). Gõ vài chữ đầu để chọn nhanh, không cần dấu.",
                      [("Tỉnh/thành phố:", self.province), ("Xã/phường/đặc khu:", self.commune), ("", self.is_upper)],
                      self.place_error, self._check_place)

        # 2. the association and the clerk
        self.association = QLineEdit()
        self.clerk = QLineEdit()
        self.clerk.setPlaceholderText("Ví dụ: Nguyễn Thị Lan")
        self.upper = QLineEdit()
        self.people_error = ErrorLabel()
        page2 = _page("Hội Khuyến học và người nhập liệu", "Tên cán bộ nhập liệu được ghi vào lịch sử mỗi thay "
                                                          "đổi. Cấp trên là nơi nhận báo cáo của xã.",
                      [("Tên Hội:", self.association), ("Cán bộ nhập liệu:", self.clerk), ("Cấp trên:", self.upper)],
                      self.people_error, self._check_people)

        # 3. the villages
        self.villages = QPlainTextEdit()
        self.villages.setTabChangesFocus(True)  # Tab goes on to the buttons, as in every other field
        self.villages.setPlaceholderText("Thôn 1\nThôn 2\nThôn Phú Lập\nKhu phố 3")
        self.villages_error = ErrorLabel()
        page3 = _page("Thôn, khu phố", "Mỗi dòng một thôn, ấp, bản, khu phố hoặc tổ dân phố. "
                                       "Có thể sửa danh sách này sau (menu Danh mục).",
                      [("", self.villages)], self.villages_error, self._check_villages)

        # 4. the keys
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.keys_error = ErrorLabel()
        page4 = _page("Khoá của đơn vị", "Khoá dùng để ký các tệp gửi cấp trên và mã kiểm tra trên giấy công nhận. "
                                         "Mật khẩu bảo vệ khoá: ít nhất 8 ký tự, ghi lại và cất nơi an toàn. Có thể "
                                         "để trống và tạo khoá sau (menu Trao đổi → Khoá).",
                      [("Mật khẩu:", self.passphrase), ("Nhập lại:", self.passphrase_again)], self.keys_error,
                      self._finish)

        for page, first in ((page1, self.province), (page2, self.association), (page3, self.villages),
                            (page4, self.passphrase)):
            page.initializePage = lambda first=first: first.setFocus()  # type: ignore[method-assign]
            self.addPage(page)
        # Enter goes to the default button (Tiếp theo, Hoàn tất), never to Huỷ, wherever the focus is
        for which in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton):
            self.button(which).setAutoDefault(False)
        self.province.setFocus()

    def _typed_anything(self) -> bool:
        return any((self.province.currentData() is not None, self.clerk.text().strip(),
                    self.villages.toPlainText().strip(), self.passphrase.text()))

    def reject(self) -> None:  # Esc, Huỷ, the window's close button
        if self._typed_anything() and not messages.confirm(
                self, "Dừng thiết lập?", "Những gì đã nhập trong các bước thiết lập sẽ không được lưu.",
                yes="Dừng thiết lập", no="Tiếp tục nhập"):
            return
        super().reject()

    def _load_communes(self) -> None:
        self.commune.clear()
        code = self.province.currentData()
        self.commune.addItem("— chọn xã/phường —", None)
        if code is not None:
            for c in admin_units.communes(code):
                self.commune.addItem(c.name, c.code)

    def _kind_changed(self) -> None:
        self.commune.setEnabled(not self.is_upper.isChecked())
        self._suggest_names()

    def _suggest_names(self) -> None:
        if self.is_upper.isChecked() and self.province.currentData() is not None:
            province = admin_units.province(self.province.currentData())
            kind = "thành phố" if province.kind == "thành phố trung ương" else "tỉnh"
            self.association.setText(f"Hội Khuyến học {kind} {province.name.removeprefix('Thành phố ')}")
            self.upper.setText("Trung ương Hội Khuyến học Việt Nam")
            return
        if self.commune.currentData() is None:
            return
        name = self.commune.currentText()
        self.association.setText(f"Hội Khuyến học {name[0].lower()}{name[1:]}")
        province = admin_units.province(self.province.currentData())
        kind = "thành phố" if province.kind == "thành phố trung ương" else "tỉnh"
        bare = province.name.removeprefix("Thành phố ")
        self.upper.setText(f"Hội Khuyến học {kind} {bare}")

    def _check_place(self) -> bool:
        if self.province.currentData() is None or (self.commune.currentData() is None and not self.is_upper.isChecked()):
            self.place_error.say("Hãy chọn cả tỉnh/thành phố và xã/phường.")
            return False
        self.place_error.say(None)
        return True

    def _check_people(self) -> bool:
        if not self.association.text().strip():
            self.people_error.say("Chưa nhập tên Hội.")
            return False
        if not self.clerk.text().strip():
            self.people_error.say("Chưa nhập tên cán bộ nhập liệu.")
            return False
        self.people_error.say(None)
        return True

    def _check_villages(self) -> bool:
        if not self.is_upper.isChecked() and not self.villages.toPlainText().strip():
            self.villages_error.say("Cần nhập ít nhất một thôn/khu phố.")
            return False
        self.villages_error.say(None)
        return True

    def _finish(self) -> bool:
        upper = self.is_upper.isChecked()
        secret = self.passphrase.text()
        if secret != self.passphrase_again.text():
            self.keys_error.say("Hai lần nhập mật khẩu không giống nhau.")
            return False
        if secret and len(secret) < 8:
            self.keys_error.say("Mật khẩu bảo vệ khoá cần ít nhất 8 ký tự.")
            return False
        province = self.province.currentData()
        setup = OfficeSetup(
            province_code=province, province_name=self.province.currentText(),
            commune_code=province if upper else self.commune.currentData(),
            commune_name=self.province.currentText() if upper else self.commune.currentText(),
            association_name=self.association.text(), clerk_name=self.clerk.text(),
            upper_level_name=self.upper.text(), villages=tuple(self.villages.toPlainText().splitlines()),
            kind="upper" if upper else "commune")
        try:
            self._office.set_up(setup)
        except OfficeError as e:
            self.keys_error.say(str(e))
            return False
        except Exception:  # noqa: BLE001 - the clerk must see why, and can try again
            log.exception("the office's set-up was not saved")  # the error's own text stays in the log
            messages.warn(self, "Không lưu được", "Không lưu được thiết lập (chi tiết đã ghi vào nhật ký, thư mục "
                                                   "nhat-ky của dữ liệu). Kiểm tra ổ đĩa còn chỗ trống rồi bấm Hoàn tất "
                                                   "lần nữa.")
            return False
        if secret and self._keys is not None:
            try:
                self._keys.create(secret)
            except KeyError_ as e:
                messages.warn(self, "Chưa tạo được khoá", f"{e} Thiết lập đã lưu; tạo khoá sau ở menu Trao đổi → "
                                                          "Khoá của đơn vị.")
                return True
            except OSError as e:
                messages.warn(self, "Chưa tạo được khoá", f"Không ghi được khoá vào thư mục dữ liệu "
                                                          f"({e.strerror or 'lỗi ổ đĩa'}). Thiết lập đã lưu; tạo khoá "
                                                          "sau ở menu Trao đổi → Khoá của đơn vị.")
                return True
            self.created_passphrase = secret
        return True


def _page(title: str, subtitle: str, rows: list[tuple[str, QWidget]], error: ErrorLabel,
          validate: Callable[[], bool]) -> QWizardPage:
    """A wizard page: an explanation, labelled fields, a message line, and the check that lets it go on."""
    page = QWizardPage()
    page.setTitle(title)
    layout = QVBoxLayout(page)
    text = QLabel(subtitle)
    text.setWordWrap(True)
    layout.addWidget(text)
    form = QFormLayout()
    for label, widget in rows:
        if label:
            form.addRow(label, widget)
        else:
            form.addRow(widget)
    layout.addLayout(form)
    layout.addWidget(error)
    page.validatePage = validate  # type: ignore[method-assign]
    return page
