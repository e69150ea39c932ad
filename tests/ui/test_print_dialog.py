import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.cycle import Status
from desktop.services.demo import fill_demo
from desktop.services.demo_year import fill_demo_year
from desktop.services.printing import DocumentKind
from desktop.ui.print_dialog import PrintDialog

YEAR = 2026


@pytest.fixture
def commune(register):
    fill_demo(register, 150, seed=3)
    fill_demo_year(register, YEAR, seed=3)
    return register


def preview(qtbot, dialog):
    dialog.make_preview()
    qtbot.waitUntil(lambda: dialog.job is not None and not dialog.job.running, timeout=20000)


def test_preview_then_save_and_print(qtbot, commune, tmp_path, monkeypatch):
    dialog = PrintDialog(commune, YEAR)
    qtbot.addWidget(dialog)
    dialog.choose(DocumentKind.CERTIFICATE)
    assert not dialog.save_button.isEnabled()
    preview(qtbot, dialog)
    assert dialog.document.pageCount() == dialog.printed.items > 10
    assert "Giấy công nhận" in dialog.status.text() and dialog.save_button.isEnabled()
    target = tmp_path / "giay.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog.save_pdf()
    assert target.read_bytes() == dialog._file.read_bytes()
    printer = QPrinter()  # a printer that writes a PDF file: the real drawing path without paper
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "may-in.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "may-in.pdf").stat().st_size > 10_000
    assert "Đã gửi" in dialog.status.text()


def test_the_selected_people(qtbot, commune):
    rows = commune.enrolments.page(EnrolmentFilter(YEAR, statuses=(Status.RECOGNIZED.value,)), 0, 3)
    dialog = PrintDialog(commune, YEAR, [(r.id, r.full_name) for r in rows])
    qtbot.addWidget(dialog)
    assert dialog.only_selected.text() == "Chỉ 3 người đang chọn"
    dialog.choose(DocumentKind.ASSESSMENT_SHEET)
    dialog.only_selected.setChecked(True)
    preview(qtbot, dialog)
    assert dialog.printed.items == 3 and dialog.document.pageCount() == 3


def test_cancel_leaves_nothing_to_print(qtbot, commune, monkeypatch):
    import time

    from desktop.print.page import Cancelled
    from desktop.services.printing import PrintService

    def slow_render(self, kind, year, village_id=None, enrolment_ids=None, copies=1, progress=None, passphrase=None,
                    out=None):
        for i in range(2000):  # a long batch that checks for Cancel at every step, as the documents do
            if not progress(i, 2000):
                raise Cancelled()
            time.sleep(0.002)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(PrintService, "render", slow_render)
    dialog = PrintDialog(commune, YEAR)
    qtbot.addWidget(dialog)
    dialog.make_preview()
    qtbot.waitUntil(lambda: dialog.job.dialog.maximum() == 2000, timeout=5000)  # progress reached the window
    dialog.job.dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=5000)
    assert dialog.status.text() == "Đã huỷ: chưa in gì."
    assert dialog.printed is None and not dialog.save_button.isEnabled()


def test_nothing_to_print_is_said_plainly(qtbot, office):
    dialog = PrintDialog(office, YEAR)
    qtbot.addWidget(dialog)
    dialog.choose(DocumentKind.DECISION)
    preview(qtbot, dialog)
    assert dialog.status.text() == "Năm 2026 chưa có quyết định công nhận."
    assert not dialog.print_button.isEnabled()


def test_a_long_document_is_previewed_one_page_at_a_time(qtbot, commune, monkeypatch):
    """A whole commune's sheets: a continuous view would lay out every page (575 MB for 85,000)."""
    from PySide6.QtPdfWidgets import QPdfView

    from desktop.ui import print_dialog

    monkeypatch.setattr(print_dialog, "CONTINUOUS_PAGES", 5)
    dialog = PrintDialog(commune, YEAR)
    qtbot.addWidget(dialog)
    dialog.choose(DocumentKind.ASSESSMENT_SHEET)
    preview(qtbot, dialog)
    pages = dialog.document.pageCount()
    assert pages > 5 and dialog.view.pageMode() == QPdfView.PageMode.SinglePage and not dialog.page.isHidden()
    assert dialog.page.maximum() == pages
    dialog.page.setValue(3)
    assert dialog.view.pageNavigator().currentPage() == 2
    dialog.choose(DocumentKind.DECISION)  # a short one is continuous again
    preview(qtbot, dialog)
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage and dialog.page.isHidden()
