"""Who issues and signs recognition decisions, reports and certificates, as Decree 30/2020 prints them:
the issuing body, the symbol of decision numbers, the signer and their authority (TM., KT., Q.), and the
office's own legal bases for the decision."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.issuer import Authority, IssuingBody
from desktop.services.office import OfficeError, OfficeService
from desktop.ui.widgets import ErrorLabel

# what a clerk usually writes after TM./KT. for each issuing body
PRINCIPALS = {(IssuingBody.ASSOCIATION, Authority.ON_BEHALF): "Ban Chấp hành",
              (IssuingBody.COMMITTEE, Authority.ON_BEHALF): "Ủy ban nhân dân",
              (IssuingBody.ASSOCIATION, Authority.FOR_HEAD): "Chủ tịch",
              (IssuingBody.COMMITTEE, Authority.FOR_HEAD): "Chủ tịch"}


class OfficeSettingsDialog(QDialog):
    def __init__(self, office: OfficeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = office
        info = office.info()
        assert info is not None
        self.setWindowTitle("Cơ quan ban hành và người ký")
        self.body = QComboBox()
        for body in IssuingBody:
            self.body.addItem(body.label, body.value)
        self.body.setCurrentIndex(self.body.findData(info.issuing_body))
        self.symbol = QLineEdit(info.decision_symbol)
        self.title = QLineEdit(info.signer_title)
        self.title.setPlaceholderText("Chủ tịch, Phó Chủ tịch")
        self.name = QLineEdit(info.signer_name)
        self.authority = QComboBox()
        for authority in Authority:
            self.authority.addItem(authority.label, authority.value)
        self.authority.setCurrentIndex(self.authority.findData(info.signer_authority))
        self.principal = QLineEdit(info.signer_principal)
        self.principal.setPlaceholderText("sau TM./KT.: Ban Chấp hành, Ủy ban nhân dân, Chủ tịch")
        self.bases = QPlainTextEdit("\n".join(info.legal_bases))
        self.bases.setPlaceholderText("Mỗi dòng một căn cứ, ví dụ: Căn cứ Kế hoạch số …/KH-UBND ngày … của Ủy ban "
                                      "nhân dân tỉnh")
        self.bases.setTabChangesFocus(True)
        self.bases.setFixedHeight(90)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error = ErrorLabel()
        self.body.currentIndexChanged.connect(self._body_changed)
        self.authority.currentIndexChanged.connect(self._authority_changed)
        for edit in (self.title, self.principal):
            edit.textChanged.connect(self._show)
        form = QFormLayout()
        form.addRow("Cơ quan ban hành:", self.body)
        form.addRow("Ký hiệu quyết định:", self.symbol)
        form.addRow("Thẩm quyền ký:", self.authority)
        form.addRow("Thay mặt / ký thay:", self.principal)
        form.addRow("Chức vụ người ký:", self.title)
        form.addRow("Họ và tên người ký:", self.name)
        form.addRow("Căn cứ riêng của đơn vị:", self.bases)
        form.addRow("Khi in:", self.preview)
        buttons = QDialogButtonBox()
        save = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._authority_changed()

    def _body(self) -> IssuingBody:
        return IssuingBody(self.body.currentData())

    def _authority(self) -> Authority:
        return Authority(self.authority.currentData())

    def _body_changed(self) -> None:
        """The symbol follows the body while it is still one of the usual ones."""
        if self.symbol.text() in {f"QĐ-{b.suffix}" for b in IssuingBody}:
            self.symbol.setText(f"QĐ-{self._body().suffix}")
        self._authority_changed()

    def _authority_changed(self) -> None:
        authority = self._authority()
        self.principal.setEnabled(authority.needs_principal)
        usual = set(PRINCIPALS.values())
        if authority.needs_principal and (not self.principal.text() or self.principal.text() in usual):
            self.principal.setText(PRINCIPALS[(self._body(), authority)])
        self._show()

    def _show(self) -> None:
        info = self._office.info()
        assert info is not None
        issuer = replace(info.issuer(self.title.text()), body=self._body(), authority=self._authority(),
                         principal=self.principal.text())
        self.preview.setText(" / ".join(issuer.signature_lines()) + f"  —  quyết định của: {issuer.decision_authority()}")

    def save(self) -> None:
        try:
            self._office.set_signer(self._office.clerk_name(), self.title.text(), self.name.text(), self.symbol.text(),
                                    issuing_body=self._body().value, authority=self._authority().value,
                                    principal=self.principal.text() if self._authority().needs_principal else "",
                                    legal_bases=self.bases.toPlainText())
        except OfficeError as e:
            self.error.say(str(e))
            return
        self.accept()
