"""The office's keys: create them, show the fingerprint, hand out the public files and the key form;
import the upper level's keys (a commune) or register a commune's key (an upper level)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.admin_units import bare_name
from desktop.exchange.keys import KeyError_
from desktop.print.data import OfficeHeader
from desktop.print.key_form import key_form
from desktop.services.desk import Desk
from desktop.services.safe_write import write_atomically
from desktop.ui import file_dialogs, messages
from desktop.ui.geometry import fit
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.widgets import ErrorLabel


class KeysDialog(QDialog):
    def __init__(self, register: Desk, keeper: PassphraseKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self._keeper = keeper
        info = register.office.info()
        assert info is not None
        self._info = info
        self.setWindowTitle("Khoá của đơn vị")
        fit(self, "khoa", 720, 420)
        self.own = QLabel()
        self.own.setWordWrap(True)
        self.own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other = QLabel()
        self.other.setWordWrap(True)
        self.error = ErrorLabel()
        self.create_button = QPushButton("Tạo khoá…")
        self.create_button.setObjectName("primary")
        # clicked(bool) would hand its `checked` (False) to create_keys' passphrase: call it with none
        self.create_button.clicked.connect(lambda: self.create_keys())
        save = QPushButton("Lưu tệp khoá công khai…")
        save.clicked.connect(self.save_public)
        form_button = QPushButton("Lưu phiếu khoá (PDF) để ký…")
        form_button.clicked.connect(self.save_key_form)
        mine = QHBoxLayout()
        for b in (self.create_button, save, form_button):
            mine.addWidget(b)
        theirs = QHBoxLayout()
        if info.is_upper:
            register_button = QPushButton("Đăng ký khoá của một xã…")
            register_button.clicked.connect(self.register_commune)
            theirs.addWidget(register_button)
        # an upper level sends its own file further up (Gửi tệp tổng hợp lên cấp trên): it needs that level's key too
        upper_button = QPushButton("Nhập khoá của cấp trên…")
        upper_button.clicked.connect(self.import_upper)
        theirs.addWidget(upper_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Khoá của đơn vị</b>"))
        layout.addWidget(self.own)
        layout.addLayout(mine)
        layout.addWidget(QLabel("<b>Khoá của đơn vị khác</b>"))
        layout.addWidget(self.other)
        layout.addLayout(theirs)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self._info = self._r.office.info()
        if self._r.keys.store.exists():
            pub = self._r.keys.public()
            self.own.setText(f"Dấu vân tay khoá ký: <b>{pub.fingerprint}</b><br>Khoá ký: {pub.signing}<br>"
                             f"Khoá mã hoá: {pub.age_recipient}")
            self.create_button.setEnabled(False)
        else:
            self.own.setText("Đơn vị chưa có khoá. Tạo khoá (có mật khẩu bảo vệ) trước khi gửi hay nhận tệp.")
        lines = []
        if self._info.is_upper:
            lines = [f"{t.office_code} — {t.office_name}: {t.fingerprint}{' (đã thay)' if t.replaced else ''}"
                     for t in self._r.keys.trusted()] or ["Chưa đăng ký khoá của xã nào."]
        if self._info.upper_signing_key:
            from desktop.exchange.keys import fingerprint

            lines.append(f"Cấp trên ({self._info.upper_level_name}): {fingerprint(self._info.upper_signing_key)}")
        else:
            lines.append("Chưa nhập khoá của cấp trên.")
        self.other.setText("<br>".join(lines))

    def create_keys(self, passphrase: str | None = None) -> None:
        if passphrase is None:
            first, ok = QInputDialog.getText(self, "Tạo khoá", "Mật khẩu bảo vệ khoá (ít nhất 8 ký tự):",
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return
            again, ok = QInputDialog.getText(self, "Tạo khoá", "Nhập lại mật khẩu:", QLineEdit.EchoMode.Password)
            if not ok:
                return
            if first != again:
                self.error.say("Hai lần nhập mật khẩu không giống nhau.")
                return
            passphrase = first
        try:
            self._r.keys.create(passphrase)
        except KeyError_ as e:
            self.error.say(str(e))
            return
        except OSError as e:  # the data folder not writable, the disk full
            self.error.say(f"Không ghi được tệp khoá vào thư mục dữ liệu: {e.strerror or e}.")
            return
        self._keeper.keep(passphrase)
        self.error.say(None)
        self.refresh()

    def save_public(self) -> None:
        folder = file_dialogs.choose_folder(self, "key", "Chọn thư mục lưu tệp khoá công khai")
        if folder:
            self.save_public_to(Path(folder))

    def save_public_to(self, folder: Path) -> None:
        try:
            others = self._r.keys.other_public_files(folder)
            if others and not messages.confirm(
                    self, "Ghi đè khoá khác?", f"Thư mục {folder} đã có {', '.join(others)} không phải khoá của đơn vị "
                    "này (có thể là khoá của cấp trên vừa nhập). Ghi đè thì khoá kia mất khỏi thư mục này; nên chọn "
                    "thư mục khác.", yes="Ghi đè", no="Chọn thư mục khác"):
                return
            paths = self._r.keys.write_public_files(folder)
        except (KeyError_, OSError) as e:
            self.error.say(str(e))
            return
        messages.inform(self, "Đã lưu", "Đã lưu " + ", ".join(p.name for p in paths) + f" vào {folder}.")

    def save_key_form(self) -> None:
        name = file_dialogs.save_file(self, "pdf", "Lưu phiếu khoá", "phieu-khoa.pdf", "PDF (*.pdf)")
        if name:
            self.save_key_form_to(Path(name))

    def save_key_form_to(self, path: Path) -> None:
        try:
            pub = self._r.keys.public()
        except KeyError_ as e:
            self.error.say(str(e))
            return
        i = self._info
        header = OfficeHeader(i.province_name, i.commune_name, i.association_name,
                              i.upper_level_name or f"Hội Khuyến học {i.province_name}", i.signer_title,
                              i.signer_name, bare_name(i.commune_name))
        write_atomically(path, key_form(header, i.commune_code, pub.fingerprint, pub.signing, pub.age_recipient,
                                        date.today()))
        self.error.say(None)

    def import_upper(self) -> None:
        signing = file_dialogs.open_file(self, "key", "Tệp khoá ký của cấp trên (ky-so.pub)", "Khoá (*.pub)")
        age = file_dialogs.open_file(self, "key", "Tệp khoá mã hoá của cấp trên (giai-ma.pub)", "Khoá (*.pub)")
        if signing and age:
            self.import_upper_from(Path(signing), Path(age))

    def import_upper_from(self, signing: Path, age: Path) -> None:
        try:
            fp = self._r.keys.import_upper(signing, age)
        except KeyError_ as e:
            self.error.say(str(e))
            return
        messages.inform(self, "Đã nhập khoá cấp trên", f"Dấu vân tay: {fp}\nHãy đối chiếu với phiếu khoá có chữ ký "
                                                       "của cấp trên (hoặc đọc qua điện thoại).")
        self.refresh()

    def register_commune(self) -> None:
        dialog = RegisterKeyDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.register_from(dialog.code.value(), dialog.name.text(), Path(dialog.file.text()), dialog.replace,
                               dialog.kind.currentData())

    def register_from(self, code: int, name: str, path: Path, replace: bool = False, kind: str = "commune") -> bool:
        try:
            fp = self._r.keys.register(code, name, path, replace=replace, kind=kind)
        except KeyError_ as e:
            self.error.say(str(e))
            return False
        self.error.say(None)
        messages.inform(self, "Đã đăng ký khoá", f"{name}: dấu vân tay {fp}.")
        self.refresh()
        return True


class RegisterKeyDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đăng ký khoá của một xã")
        self.replace = False
        self.code = QSpinBox()
        self.code.setRange(1, 99_999)
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem("Xã, phường (gửi dữ liệu từng người)", "commune")
        self.kind.addItem("Cấp trên bên dưới, ví dụ huyện (gửi số liệu tổng hợp)", "upper")
        self.file = QLineEdit()
        browse = QPushButton("Chọn tệp ky-so.pub…")
        browse.clicked.connect(self._browse)
        ok = QPushButton("Đăng ký (đã đối chiếu dấu vân tay với phiếu khoá)")
        ok.clicked.connect(self.accept)
        form = QFormLayout(self)
        form.addRow("Mã xã/phường:", self.code)
        form.addRow("Tên đơn vị:", self.name)
        form.addRow("Loại đơn vị:", self.kind)
        form.addRow("Tệp khoá:", self.file)
        form.addRow(browse)
        form.addRow(ok)

    def _browse(self) -> None:
        name = str(file_dialogs.open_file(self, "key", "Tệp khoá ký của xã", "Khoá (*.pub)") or "")
        if name:
            self.file.setText(name)
