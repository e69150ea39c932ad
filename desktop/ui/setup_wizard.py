"""First start: the commune (from the official list), the association, the clerk, the villages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
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
from desktop.services.office import OfficeError, OfficeService, OfficeSetup
from desktop.ui import messages
from desktop.ui.widgets import ErrorLabel, FoldingComboBox


class SetupWizard(QWizard):
    def __init__(self, office: OfficeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = office
        self.setWindowTitle("Thiết lập Sổ Công dân học tập")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        for button, text in ((QWizard.WizardButton.NextButton, "Tiếp theo >"),
                             (QWizard.WizardButton.BackButton, "< Quay lại"),
                             (QWizard.WizardButton.FinishButton, "Hoàn tất"),
                             (QWizard.WizardButton.CancelButton, "Huỷ")):
            self.setButtonText(button, text)
        self.resize(620, 460)

        # 1. the commune
        self.province = FoldingComboBox()
        self.province.addItem("— chọn tỉnh/thành phố —", None)
        for p in admin_units.provinces():
            self.province.addItem(p.name, p.code)
        self.commune = FoldingComboBox()
        self.province.currentIndexChanged.connect(self._load_communes)
        self.commune.currentIndexChanged.connect(self._suggest_names)
        self.place_error = ErrorLabel()
        page1 = _page("Đơn vị hành chính", "Chọn tỉnh/thành phố rồi xã/phường của Hội (danh mục sau sắp xếp "
                                           "ngày 01/07/2025). Gõ vài chữ đầu để chọn nhanh, không cần dấu.",
                      [("Tỉnh/thành phố:", self.province), ("Xã/phường/đặc khu:", self.commune)],
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
        self.villages.setPlaceholderText("Thôn 1\nThôn 2\nThôn Phú Lập\nKhu phố 3")
        self.villages_error = ErrorLabel()
        page3 = _page("Thôn, khu phố", "Mỗi dòng một thôn, ấp, bản, khu phố hoặc tổ dân phố. "
                                       "Có thể sửa danh sách này sau (menu Danh mục).",
                      [("", self.villages)], self.villages_error, self._finish)

        for page in (page1, page2, page3):
            self.addPage(page)

    def _load_communes(self) -> None:
        self.commune.clear()
        code = self.province.currentData()
        self.commune.addItem("— chọn xã/phường —", None)
        if code is not None:
            for c in admin_units.communes(code):
                self.commune.addItem(c.name, c.code)

    def _suggest_names(self) -> None:
        if self.commune.currentData() is None:
            return
        name = self.commune.currentText()
        self.association.setText(f"Hội Khuyến học {name[0].lower()}{name[1:]}")
        province = admin_units.province(self.province.currentData())
        kind = "thành phố" if province.kind == "thành phố trung ương" else "tỉnh"
        bare = province.name.removeprefix("Thành phố ")
        self.upper.setText(f"Hội Khuyến học {kind} {bare}")

    def _check_place(self) -> bool:
        if self.province.currentData() is None or self.commune.currentData() is None:
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

    def _finish(self) -> bool:
        setup = OfficeSetup(
            province_code=self.province.currentData(), province_name=self.province.currentText(),
            commune_code=self.commune.currentData(), commune_name=self.commune.currentText(),
            association_name=self.association.text(), clerk_name=self.clerk.text(),
            upper_level_name=self.upper.text(), villages=tuple(self.villages.toPlainText().splitlines()))
        try:
            self._office.set_up(setup)
        except OfficeError as e:
            self.villages_error.say(str(e))
            return False
        except Exception as e:  # noqa: BLE001 - the clerk must see why, and can try again
            messages.warn(self, "Không lưu được", f"Không lưu được thiết lập: {e}")
            return False
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
