"""Importing a village roster from Excel: choose the file, see row by row what would happen, then import
the good rows (all of them or none), or hand back her workbook with a column of reasons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.groups import CitizenGroup
from desktop.services.desk import Desk
from desktop.services.roster import DryRun, Outcome, RosterError, RosterService
from desktop.services.safe_write import atomic_file
from desktop.sheets.roster_errors import error_copy
from desktop.sheets.roster_read import RosterFileError
from desktop.ui import file_dialogs, messages
from desktop.ui.geometry import fit
from desktop.ui.worker import Background

COLOURS = {Outcome.NEW: "#e8f5e9", Outcome.PRESENT: "#eeeeee", Outcome.DUPLICATE: "#fff4ce",
           Outcome.ERROR: "#fde0e0"}
SHOWN_ROWS = 5_000  # the table shows the first rows; the counts and the error file cover all


class RosterDialog(QDialog):
    def __init__(self, register: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = RosterService(register)
        self.dry: DryRun | None = None
        self.job: Background | None = None
        self.imported = 0
        self.setWindowTitle("Nhập danh sách người dân từ Excel")
        fit(self, "nhap-excel", 1000, 640)
        self.file_label = QLabel("Chưa chọn tệp.")
        choose = QPushButton("Chọn tệp Excel…")
        choose.clicked.connect(self.choose_file)
        self.village = QComboBox()
        self.village.addItem("Dòng không ghi thôn: báo lỗi", None)
        for v in register.office.villages():
            self.village.addItem(f"Dòng không ghi thôn: {v.name}", v.id)
        self.group = QComboBox()
        self.group.addItem("Dòng không ghi nhóm: báo lỗi", None)
        for g in CitizenGroup:
            self.group.addItem(f"Dòng không ghi nhóm: nhóm {int(g)}", int(g))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Dòng", "Họ và tên", "Kết quả", "Chi tiết"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.duplicates = QCheckBox("Nhập cả các dòng có thể trùng")
        self.import_button = QPushButton("Nhập vào sổ")
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.run_import)
        self.errors_button = QPushButton("Lưu tệp báo lỗi…")
        self.errors_button.clicked.connect(self.save_errors)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        defaults = QHBoxLayout()
        defaults.addWidget(self.village)
        defaults.addWidget(self.group)
        bottom = QHBoxLayout()
        bottom.addWidget(self.duplicates)
        bottom.addStretch()
        for b in (self.errors_button, self.import_button, close):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(defaults)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._ready(False)

    def _ready(self, ready: bool) -> None:
        self.import_button.setEnabled(ready and self.dry is not None and
                                      (self.dry.count(Outcome.NEW) + self.dry.count(Outcome.DUPLICATE)) > 0)
        self.errors_button.setEnabled(ready and self.dry is not None)

    def choose_file(self) -> None:
        path = file_dialogs.open_file(self, "roster", "Chọn danh sách Excel", "Excel (*.xlsx)")
        if path:
            self.check(path)

    def check(self, path: Path) -> None:
        """The dry run, in the background: nothing is saved."""
        self.file_label.setText(str(path))
        self.dry = None
        self._ready(False)
        village, group = self.village.currentData(), self.group.currentData()
        self.summary.setText("Đang kiểm tra…")
        self.job = Background(self, "Kiểm tra danh sách", lambda _progress: self._service.dry_run(
            path, village, CitizenGroup(group) if group else None), self._show, self._failed)
        self.job.start()

    def _show(self, dry: DryRun) -> None:
        self.dry = dry
        extra = f" Cột không dùng: {', '.join(dry.sheet.ignored_headers)}." if dry.sheet.ignored_headers else ""
        self.summary.setText(f"Trang “{dry.sheet.sheet_name}”, tiêu đề ở dòng {dry.sheet.header_row}. "
                             f"{dry.summary()}{extra} Chưa lưu gì.")
        shown = dry.results[:SHOWN_ROWS]
        self.table.setRowCount(len(shown))
        for i, r in enumerate(shown):
            for c, text in enumerate((str(r.number), r.full_name, r.outcome.value, "; ".join(r.messages))):
                item = QTableWidgetItem(text)
                item.setBackground(QColor(COLOURS[r.outcome]))
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._ready(True)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, RosterFileError):
            self.summary.setText(str(error))
            return
        self.summary.setText("Chưa kiểm tra được tệp (xem thông báo).")
        raise error  # the crash hook logs it and tells the clerk (never the error's own text)

    def run_import(self) -> None:
        assert self.dry is not None
        try:
            done = self._service.import_rows(self.dry, self.duplicates.isChecked())
        except RosterError as e:
            messages.warn(self, "Chưa nhập", str(e))
            return
        self.imported += done.added
        self.summary.setText(f"Đã nhập {done.added} người vào sổ; bỏ qua {done.skipped} dòng.")
        self.import_button.setEnabled(False)

    def save_errors(self) -> None:
        assert self.dry is not None
        path = file_dialogs.save_file(self, "roster", "Lưu tệp báo lỗi", self.dry.path.stem + "-bao-loi.xlsx",
                                      "Excel (*.xlsx)", fallback=self.dry.path.parent)
        if path:
            self.save_errors_to(path)

    def save_errors_to(self, path: Path) -> None:
        assert self.dry is not None
        try:
            with atomic_file(path) as out:
                error_copy(self.dry.sheet, self.dry.notes(), out)
        except OSError as e:
            messages.warn(self, "Không lưu được", f"Không ghi được {path}: {e.strerror or e}")
            return
        self.summary.setText(self.summary.text() + f" Đã lưu tệp báo lỗi: {path.name}.")


