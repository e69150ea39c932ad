"""Who signs recognition decisions and certificates, and the symbol of decision numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.services.office import OfficeError, OfficeService
from desktop.ui.widgets import ErrorLabel


class OfficeSettingsDialog(QDialog):
    def __init__(self, office: OfficeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = office
        info = office.info()
        assert info is not None
        self.setWindowTitle("Người ký quyết định")
        self.title = QLineEdit(info.signer_title)
        self.title.setPlaceholderText("Chủ tịch Hội Khuyến học xã, hoặc Chủ tịch UBND xã")
        self.name = QLineEdit(info.signer_name)
        self.symbol = QLineEdit(info.decision_symbol)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Chức danh người ký:", self.title)
        form.addRow("Họ và tên người ký:", self.name)
        form.addRow("Ký hiệu quyết định:", self.symbol)
        buttons = QDialogButtonBox()
        save = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self._office.set_signer(self._office.clerk_name(), self.title.text(), self.name.text(), self.symbol.text())
        except OfficeError as e:
            self.error.say(str(e))
            return
        self.accept()
