"""`--check-windows`: every window and dialog of the program opened, drawn and closed, one line each.

installer/build.sh runs it from the bundle (under Xvfb when the machine has it, so the X11 platform plugin
and the libraries it loads are checked too): a Qt module, plugin or library left out of the bundle shows
here as a window that does not open, before a clerk meets it. The register is the folder's (a demo commune
with a year); the set-up wizard and the upper level's window get registers of their own beside it."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from desktop import config
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.services.desk import Desk, open_register
from desktop.services.office import OfficeSetup

WAIT_S = 60  # for a preview drawn in the background


def run(args: argparse.Namespace) -> int:
    from desktop.ui.app import make_app

    app = make_app()
    folder = config.data_dir(args.data_dir)
    register = open_register(folder, args.db_url)
    failed = 0
    try:
        for name, make in _windows(register):
            failed += not _opened(app, name, make)
    finally:
        register.close()
    with tempfile.TemporaryDirectory() as tmp:
        opened: list[Desk] = []
        try:
            for name, make in _others(Path(tmp), opened):
                failed += not _opened(app, name, make)
        finally:
            for other in opened:
                other.close()
    print("Mọi cửa sổ đều mở được." if not failed else f"{failed} cửa sổ không mở được.")
    return 1 if failed else 0


def _opened(app: QApplication, name: str, make: Callable[[], QWidget]) -> bool:
    try:
        widget = make()
        widget.show()
        app.processEvents()
        ok = not widget.grab().isNull()
        widget.close()
        widget.deleteLater()
        app.processEvents()
    except Exception:  # noqa: BLE001 - one window's fault is reported and the others still checked
        print(f"  ✗ {name}\n{traceback.format_exc()}", file=sys.stderr)
        return False
    print(("  ✓ " if ok else "  ✗ ") + name)
    return ok


def _windows(register: Desk) -> list[tuple[str, Callable[[], QWidget]]]:
    """The commune's window, each of its tabs, and every dialog its menus and pages open."""
    from desktop.ui.main_window import MainWindow

    info = register.office.info()
    assert info is not None and not info.is_upper, "a commune's register (installer/build.sh makes a demo)"
    window = MainWindow(register)
    year = window.year.value()
    person = register.citizens.page(CitizenFilter(), 0, 1)[0].id
    enrolment = register.enrolments.page(EnrolmentFilter(year), 0, 1)[0].id

    def tab(index: int) -> Callable[[], QWidget]:
        def show() -> QWidget:
            window.show()
            window.show_tab(index)
            return window
        return show

    def dialog(module: str, cls: str, *args, **kwargs) -> Callable[[], QWidget]:  # noqa: ANN002, ANN003
        def make() -> QWidget:
            return getattr(import_module(f"desktop.ui.{module}"), cls)(*args, **kwargs)
        return make

    from desktop.domain.models387 import Model
    from desktop.ui.assessment_dialog import SheetKind

    found = [(f"Cửa sổ chính, trang {window.tabs.tabText(i)}", tab(i)) for i in range(window.tabs.count())]
    found += [
        ("In giấy tờ (xem trước bằng QtPdf)", lambda: _previewed(register, year, window)),
        ("Thêm người vào sổ", dialog("citizen_dialog", "CitizenDialog", register.citizens,
                                     register.office.villages(), parent=window)),
        ("Lịch sử sửa đổi", dialog("history_dialog", "HistoryDialog", register.citizens, person, window)),
        ("Phiếu tự đánh giá", dialog("assessment_dialog", "AssessmentDialog", register.enrolments, enrolment,
                                     SheetKind.SELF, window)),
        ("Đăng ký năm học tập", dialog("enrolment_page", "RegisterDialog", register, year, window)),
        ("Quyết định công nhận", dialog("recognition_page", "DecisionDialog", register, year, window)),
        ("Thiết lập năm", dialog("year_settings_dialog", "YearSettingsDialog", register, year, window)),
        ("Nhập danh sách từ Excel", dialog("roster_dialog", "RosterDialog", register, window)),
        ("Khoá của đơn vị", dialog("keys_dialog", "KeysDialog", register, window.keeper, window)),
        ("Gửi tệp lên cấp trên", dialog("exchange_pages", "SendDialog", register, year, window.keeper, window)),
        ("Kiểm tra giấy công nhận", dialog("exchange_pages", "CheckCertificateDialog", register, window)),
        ("Thôn, khu phố", dialog("villages_dialog", "VillagesDialog", register.office, window)),
        ("Cơ quan ban hành và người ký", dialog("office_settings_dialog", "OfficeSettingsDialog", register.office,
                                                window)),
        ("Thêm gia đình học tập", dialog("model_subjects", "SubjectDialog", register, Model.FAMILY, window)),
        ("Nơi làm việc của cán bộ", dialog("model_subjects", "WorkplacesDialog", register, window)),
        ("Đăng ký mô hình cho năm", dialog("model_dialogs", "ModelRegisterDialog", register, Model.FAMILY, year, [],
                                           window)),
        ("Giấy tờ của mô hình học tập", dialog("model_dialogs", "ModelPrintDialog", register, Model.FAMILY, year,
                                               window.keeper, window)),
        ("Quyết định công nhận mô hình", dialog("model_dialogs", "ModelDecisionDialog", register, Model.FAMILY, year,
                                                window)),
    ]
    if households := register.households.find("", 1):  # the demo's households, with their year
        home = households[0].id
        found.append(("Thành viên của hộ", dialog("model_subjects", "MembersDialog", register, home, window)))
        if (sheet := register.model_cycle(Model.FAMILY).of_subject(home, year)) is not None:
            found.append(("Phiếu đánh giá gia đình học tập", dialog("model_dialogs", "ModelSheetDialog", register,
                                                                     Model.FAMILY, sheet, window)))
    if clans := register.clans.find("", 1):
        found.append(("Các hộ của dòng họ", dialog("model_subjects", "ClanHouseholdsDialog", register, clans[0].id,
                                                   window)))
    return found


def _previewed(register: Desk, year: int, window: QWidget) -> QWidget:
    """The print dialog with a preview drawn and loaded into QtPdf's view."""
    from desktop.ui.print_dialog import PrintDialog

    dialog = PrintDialog(register, year, [], window)
    dialog.make_preview()
    deadline = time.monotonic() + WAIT_S
    while dialog.document.pageCount() == 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"không có bản xem trước sau {WAIT_S} giây: {dialog.status.text()}")
        QApplication.processEvents()
        time.sleep(0.01)
    return dialog


def _others(tmp: Path, opened: list[Desk]) -> list[tuple[str, Callable[[], QWidget]]]:
    """The first start's wizard (a register with no office yet) and the upper level's window; the registers
    opened for them go into `opened`, for the caller to close."""
    def wizard() -> QWidget:
        from desktop.ui.setup_wizard import SetupWizard

        opened.append(open_register(tmp / "moi"))
        return SetupWizard(opened[-1].office)

    def upper() -> QWidget:
        from desktop.ui.upper_window import UpperWindow

        opened.append(province := open_register(tmp / "tinh"))
        province.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng",
                                           "Kiểm Tra", "", (), kind="upper"))
        return UpperWindow(province)

    return [("Trình hướng dẫn lần đầu", wizard), ("Cửa sổ của cấp trên", upper)]
