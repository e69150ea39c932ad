"""Sending up (a commune: export the year's package, import the receipt) and, at the upper level,
receiving (check every file, then merge the good ones and write their receipts)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.certificate_code import NOT_A_CODE, CodeCheck
from desktop.exchange.keys import KeyError_
from desktop.exchange.package import PackageError
from desktop.services.desk import Desk
from desktop.services.printing import check_certificate
from desktop.services.receiving import ReceiveCheck
from desktop.services.safe_write import write_atomically
from desktop.ui import file_dialogs
from desktop.ui.geometry import fit
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.worker import Background


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], numbers_from: int | None = None) -> None:
    """numbers_from: the first column of figures, aligned right."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if numbers_from is not None and c >= numbers_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class SendDialog(QDialog):
    """A commune's packages for the year: export the next one, and see which came back with a receipt."""

    def __init__(self, register: Desk, year: int, keeper: PassphraseKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._year, self._keeper = register, year, keeper
        self.setWindowTitle(f"Gửi tệp năm {year} lên cấp trên")
        fit(self, "gui-tep", 820, 420)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = _table(["Năm", "Lần", "Tệp", "Ngày xuất", "Biên nhận của cấp trên"])
        self.export_button = QPushButton(f"Xuất gói năm {year}…")
        self.export_button.clicked.connect(lambda: self.export())
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)  # Enter exports, wherever the focus is
        receipt = QPushButton("Nhập biên nhận…")
        receipt.clicked.connect(lambda: self.import_receipt())
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(receipt)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addLayout(row)
        QWidget.setTabOrder(self.export_button, receipt)
        QWidget.setTabOrder(receipt, self.table)
        self.refresh()
        self._say_what_is_missing()
        self.export_button.setFocus()  # not the table, where Enter and Space did nothing

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if problem else "")
        self.status.setText(text)

    def _say_what_is_missing(self) -> bool:
        """Said as the dialog opens, before anything is asked; True when everything is there."""
        missing = self._r.sending.missing_before_export()
        if missing:
            self._say(missing, problem=True)
            return False
        info = self._r.office.info()
        upper = info.upper_level_name if info is not None and info.upper_level_name else "cấp trên"
        self._say(f"Bấm Enter (hoặc “Xuất gói năm {self._year}…”) để xuất gói: gói được ký bằng khoá của đơn vị và "
                  f"mã hoá để chỉ {upper} mở được.")
        return True

    def refresh(self) -> None:
        _fill(self.table, [[str(s.year), str(s.sequence), s.file_name, s.sent_at, s.receipt or "chưa có"]
                           for s in self._r.sending.sent()])

    def export(self) -> None:
        if not self._say_what_is_missing():  # again, before the passphrase and the folder are asked for
            return
        passphrase = self._keeper.get(self, "Gói được ký bằng khoá của đơn vị.")
        if passphrase is None:
            return
        try:  # a wrong passphrase is refused at once, not after a folder has been chosen
            self._r.keys.check_passphrase(passphrase)
        except KeyError_ as e:
            self._keeper.forget()
            self._say(f"{e} Chưa xuất gói: bấm Enter và gõ lại mật khẩu bảo vệ khoá.", problem=True)
            return
        self._keeper.keep(passphrase)
        folder = file_dialogs.choose_folder(self, "package", "Chọn nơi lưu gói (để gửi kèm thư điện tử)")
        if folder:
            self.export_to(Path(folder), passphrase)

    def export_to(self, folder: Path, passphrase: str) -> Path | None:
        try:
            name, data = self._r.sending.export(self._year, passphrase)
        except (KeyError_, PackageError) as e:
            self._say(str(e), problem=True)
            return None
        self._keeper.keep(passphrase)
        path = folder / name
        try:
            write_atomically(path, data)
        except OSError as e:  # recorded as made: the next export makes it again with the next number
            self._say(f"Không ghi được {path}: {e.strerror or e}. Chọn thư mục khác rồi xuất lại.", problem=True)
            return None
        self._say(f"Đã xuất {path} ({len(data) // 1024} KB). Gửi tệp này kèm thư điện tử cho cấp trên.")
        self.refresh()
        return path

    def import_receipt(self) -> None:
        name = file_dialogs.open_file(self, "receipt", "Chọn biên nhận của cấp trên", "Biên nhận (*.zip)")
        if name:
            self.import_receipt_from(Path(name))

    def import_receipt_from(self, path: Path) -> None:
        try:
            self._say(self._r.sending.import_receipt(path))
        except PackageError as e:
            self._say(str(e), problem=True)
        self.refresh()


class ReceivePage(QWidget):
    """The upper level's inbox: files are checked first (nothing merged), then the good ones merged."""

    def __init__(self, register: Desk, keeper: PassphraseKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._keeper = register, keeper
        self.checks: list[tuple[Path, ReceiveCheck | None, str]] = []
        self.job: Background | None = None
        self.status = QLabel("Chọn các tệp gói các xã gửi lên (nhiều tệp cùng lúc được).")
        self.status.setWordWrap(True)
        self.table = _table(["Tệp", "Kết quả kiểm tra"])
        choose = QPushButton("Chọn tệp và kiểm tra…")
        choose.clicked.connect(self.choose)
        self.merge_button = QPushButton("Gộp các gói hợp lệ và ghi biên nhận…")
        self.merge_button.clicked.connect(self.merge)
        self.merge_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(self.merge_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def choose(self) -> None:
        names = file_dialogs.open_files(self, "package", "Chọn gói của các xã", "Gói (*.age)")
        if names:
            passphrase = self._keeper.get(self, "Giải mã gói cần khoá của đơn vị.")
            if passphrase:
                self.check_files([Path(n) for n in names], passphrase)

    def check_files(self, paths: list[Path], passphrase: str) -> None:
        def job(progress):  # noqa: ANN001, ANN202
            found = []
            for i, path in enumerate(paths):
                try:
                    found.append((path, self._r.receiving.check(path, passphrase), ""))
                except (PackageError, KeyError_) as e:
                    found.append((path, None, str(e)))
                except Exception:  # noqa: BLE001 - one file's unforeseen fault must not stop the batch
                    logging.getLogger(__name__).exception("receive %s", path.name)
                    found.append((path, None, "lỗi không lường trước khi đọc gói (chi tiết trong nhật ký)"))
                if not progress(i + 1, len(paths)):
                    break
            return found

        self._passphrase = passphrase
        self.merge_button.setEnabled(False)
        self.job = Background(self, "Kiểm tra gói", job, self._show, lambda e: self.status.setText(str(e)))
        self.job.start()

    def _show(self, found: list) -> None:
        self.checks = found
        if any(check for _, check, _ in found):
            self._keeper.keep(self._passphrase)
        _fill(self.table, [[p.name, check.describe() if check else f"TỪ CHỐI: {why}"] for p, check, why in found])
        good = sum(1 for _, c, _ in found if c and not c.already_held)
        self.status.setText(f"{len(found)} tệp: {good} gói hợp lệ chờ gộp, "
                            f"{sum(1 for _, c, _ in found if c is None)} bị từ chối. Chưa gộp gì.")
        self.merge_button.setEnabled(good > 0)

    def merge(self) -> None:
        folder = file_dialogs.choose_folder(self, "receipt", "Chọn nơi lưu biên nhận")
        if folder:
            self.merge_into(Path(folder))

    def merge_into(self, receipts: Path) -> int:
        merged = 0
        self._r.receiving.backup_before_merging()
        for _, check, _ in self.checks:
            if check is None or check.already_held:
                continue
            self._r.receiving.merge(check)
            name, data = self._r.receiving.receipt(check, self._passphrase)
            write_atomically(receipts / name, data)
            merged += 1
        self._r.receiving.batch_done()
        self.status.setText(f"Đã gộp {merged} gói; biên nhận đã ghi vào {receipts}.")
        self.merge_button.setEnabled(False)
        return merged


class CheckCertificateDialog(QDialog):
    """Scan or paste the QR code of a certificate, or type the serial number printed on it: genuine or not,
    whose, and whether the recognition still holds."""

    def __init__(self, register: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self.setWindowTitle("Kiểm tra giấy công nhận")
        fit(self, "kiem-tra-giay", 680, 320)
        info = register.office.info()
        example = f"CDHT-{info.commune_code if info and not info.is_upper else 23059}-{date.today().year}-00035"
        self.hint = QLabel(
            "Có hai cách kiểm tra một giấy công nhận:<br>"
            "• <b>Mã QR</b> in trên giấy: quét bằng máy quét (mã hiện vào ô dưới đây), hoặc dán mã vào. Mã QR có "
            "chữ ký của đơn vị cấp nên cho biết giấy thật hay đã bị sửa.<br>"
            f"• <b>Số giấy</b> in trên giấy, ví dụ {example} (một người), GDHT-… (gia đình học tập), DHHT-… "
            "(dòng họ), CDTH-… (cộng đồng), DVHT-… (đơn vị): tra trong sổ của đơn vị đã cấp. Giấy in không có mã QR "
            "(in khi chưa ký bằng khoá) kiểm tra bằng số giấy.")
        self.hint.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(f"Quét mã QR, dán mã, hoặc gõ số giấy (ví dụ {example}) rồi Enter")
        label = QLabel("&Mã QR hoặc số giấy:")
        label.setBuddy(self.code)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # it may repeat what was typed
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check = QPushButton("&Kiểm tra")
        check.setObjectName("primary")
        check.setDefault(True)  # Enter in the box (a scanner ends with Enter) checks, once
        check.clicked.connect(lambda: self.run())
        close = QPushButton("Đóng")
        close.setAutoDefault(False)
        close.clicked.connect(lambda: self.reject())
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.code, 1)
        row.addWidget(check)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)
        self.code.setFocus()

    def run(self) -> CodeCheck:
        text = self.code.text()
        if not text.strip():
            check = CodeCheck(False, "Chưa có gì để kiểm tra: quét mã QR trên giấy, hoặc gõ số giấy in trên giấy.")
        else:
            check = check_certificate(self._r, text)
        message = check.message
        if message == NOT_A_CODE:
            message += " Quét hoặc dán mã QR in trên giấy, hoặc gõ số giấy in trên giấy (xem hướng dẫn ở trên)."
        colour = "#1b5e20" if check.genuine else "#b00020"
        self.result.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.result.setText(message)
        self.code.setFocus()
        self.code.selectAll()  # the next scan or number replaces this one
        return check
