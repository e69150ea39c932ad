"""Printing: choose a document (one person, a village or the whole year), see it inside the program,
then send it to a printer or save it as PDF. Drawing runs in the background with Cancel."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.print.page import Cancelled
from desktop.services.desk import Desk
from desktop.services.printing import DocumentKind, Printed, PrintError, PrintService
from desktop.services.safe_write import atomic_file
from desktop.ui import file_dialogs, messages
from desktop.ui.geometry import fit
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.worker import Background

# QPdfView lays out every page of a continuous view: 85,000 sheets took 575 MB that way, 90 MB one page at
# a time. Past this many pages the preview shows one page and a page number to go to.
CONTINUOUS_PAGES = 600
PER_PERSON = {DocumentKind.REGISTRATION, DocumentKind.ASSESSMENT_SHEET, DocumentKind.CERTIFICATE}


class PrintDialog(QDialog):
    def __init__(self, register: Desk, year: int, selected: list[tuple[int, str]] | None = None,
                 parent: QWidget | None = None, keeper: PassphraseKeeper | None = None) -> None:
        """`selected`: (enrolment id, name) of the people chosen on the year's list, if any."""
        super().__init__(parent)
        self._register = register
        self._year = year
        self._selected = selected
        self._keeper = keeper
        self._secret: str | None = None
        self.printed: Printed | None = None
        self.job: Background | None = None
        self.setWindowTitle(f"In giấy tờ năm {year}")
        fit(self, "in-giay-to", 980, 760)

        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(kind.label, kind.value)
        self.village = QComboBox()
        self.village.addItem("Cả xã", None)
        for v in register.office.villages():
            self.village.addItem(v.name, v.id)
        self.copies = QSpinBox()
        self.copies.setRange(1, 500)
        self.copies.setPrefix("Số bản: ")
        label = "" if not selected else f"Chỉ {selected[0][1]}" if len(selected) == 1 else \
            f"Chỉ {len(selected)} người đang chọn"
        self.only_selected = QCheckBox(label)
        self.only_selected.setVisible(bool(selected))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        preview = QPushButton("Xem trước")
        preview.setDefault(True)
        preview.clicked.connect(self.make_preview)
        self.save_button = QPushButton("Lưu thành PDF…")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton("In ra máy in…")
        self.print_button.clicked.connect(self.print_dialog)
        self.print_button.setObjectName("primary")
        self.status = QLabel("Chọn giấy tờ rồi bấm “Xem trước”.")

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # the preview is drawn into a file, page by page: a whole commune's sheets are never held in memory
        self._folder = Path(tempfile.mkdtemp(prefix="so-cdht-in-"))
        self._file: Path | None = None
        self._drawn = 0
        self.finished.connect(self._clean_up)

        row = QHBoxLayout()
        for w in (self.kind, self.village, self.copies, self.only_selected, preview):
            row.addWidget(w)
        self.page = QSpinBox()
        self.page.setPrefix("Trang ")
        self.page.setToolTip("Tài liệu dài: xem từng trang (gõ số trang, hoặc PgUp/PgDn)")
        self.page.valueChanged.connect(lambda n: self.view.pageNavigator().jump(n - 1, QPointF(), 0))
        self.page.setVisible(False)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.page)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self._kind_changed()

    def current_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.currentData())

    def choose(self, kind: DocumentKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.copies.setVisible(kind is DocumentKind.BLANK_REGISTRATION)
        self.village.setEnabled(kind not in (DocumentKind.BLANK_REGISTRATION, DocumentKind.DECISION,
                                             DocumentKind.REPORT))
        self.only_selected.setEnabled(kind in PER_PERSON - {DocumentKind.REGISTRATION})
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # drawing in the background ---------------------------------------------------------------------

    def make_preview(self) -> None:
        kind = self.current_kind()
        ids = [i for i, _ in self._selected] if self._selected and self.only_selected.isChecked() and \
            self.only_selected.isEnabled() else None
        village = self.village.currentData() if self.village.isEnabled() else None
        service = PrintService(self._register)
        year, copies = self._year, self.copies.value()
        secret = None
        if kind is DocumentKind.CERTIFICATE and self._keeper is not None and self._register.keys.store.exists():
            # the office key signs each certificate's QR code; without it the box stays empty
            secret = self._keeper.get(self, "Mã kiểm tra trên giấy công nhận được ký bằng khoá của đơn vị.")
        self._secret = secret
        self._set_ready(False)
        self.status.setText("Đang chuẩn bị…")
        self._drawn += 1
        target = self._folder / f"xem-truoc-{self._drawn}.pdf"

        def draw(progress) -> tuple[Printed, Path]:  # noqa: ANN001
            with target.open("wb") as out:
                return service.render(kind, year, village, ids, copies, progress, secret, out), target

        self.job = Background(self, kind.label, draw, self._show, self._failed)
        self.job.start()

    def _show(self, done: tuple[Printed, Path]) -> None:
        before = self._file
        self.printed, self._file = done
        if self._keeper is not None and self._secret:
            self._keeper.keep(self._secret)  # it unlocked the key: not asked again this session
        self.view.setPageMode(QPdfView.PageMode.SinglePage)  # before loading: else every page is laid out
        self.document.load(str(self._file))
        pages = self.document.pageCount()
        one_by_one = pages > CONTINUOUS_PAGES
        if not one_by_one:
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.page.setRange(1, max(1, pages))
        self.page.setValue(1)
        self.page.setVisible(one_by_one)
        if before is not None:
            before.unlink(missing_ok=True)
        printed = self.printed
        self.status.setText(f"{printed.title}: {printed.items} người/bản, {self.document.pageCount()} trang.")
        self._set_ready(True)

    def _failed(self, error: BaseException) -> None:
        from desktop.exchange.keys import KeyError_

        if isinstance(error, KeyError_):
            if self._keeper is not None:
                self._keeper.forget()
            self.status.setText(str(error))
        elif isinstance(error, Cancelled):
            self.status.setText("Đã huỷ: chưa in gì.")
        elif isinstance(error, PrintError):
            self.status.setText(str(error))
        else:
            self.status.setText("Chưa chuẩn bị được giấy tờ (xem thông báo).")
            raise error  # the crash hook logs it and tells the clerk (never the error's own text)

    # out ------------------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        if self.printed is None:
            return
        name = f"{self.current_kind().value}-{self._year}.pdf"
        path = file_dialogs.save_file(self, "pdf", "Lưu thành PDF", name, "PDF (*.pdf)")
        if path:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        assert self._file is not None
        try:
            with atomic_file(path) as out, self._file.open("rb") as drawn:
                shutil.copyfileobj(drawn, out)
        except OSError as e:
            messages.warn(self, "Không lưu được", f"Không ghi được {path}: {e.strerror or e}")
            return
        self.status.setText(f"Đã lưu {path}")

    def print_dialog(self) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept: a temporary printer crashes Qt
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("In")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(self.printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page drawn at the printer's resolution."""
        painter = QPainter()
        if not painter.begin(printer):
            messages.warn(self, "Không in được", "Máy in không sẵn sàng.")
            return
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                image = self.document.render(page, QSize(area.width(), area.height()))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        self.status.setText(f"Đã gửi {self.document.pageCount()} trang tới máy in.")

    def _clean_up(self) -> None:
        self.document.close()
        shutil.rmtree(self._folder, ignore_errors=True)
