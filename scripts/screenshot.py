"""Take the README's screenshots of the real window (run under Xvfb: see scripts/screenshots.sh), at the
size the window takes on the virtual screen (1366×768, and 1024×600 with the suffix "-1024")."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from desktop.domain.cycle import Status
from desktop.services.desk import open_register
from desktop.ui import messages
from desktop.ui.app import make_app
from desktop.ui.assessment_dialog import SheetKind
from desktop.ui.citizen_page import CitizenPage
from desktop.ui.history_dialog import HistoryDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.setup_wizard import SetupWizard

SMALL_SCREEN = {"cua-so-chinh.png", "nhap-nguoi-dan.png", "nam-hoc-tap.png", "phieu-danh-gia.png", "tong-hop.png",
                "de-nghi.png", "mo-hinh-hoc-tap.png"}


def main(data_dir: str, out_dir: str, suffix: str = "") -> None:
    # windows open at their default size cut to this screen, not where a desk's last run left them
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(data_dir) / "cua-so"))
    app = make_app()
    messages.confirm = lambda *a, **k: True  # the forms are closed with what the pictures typed in them
    out = Path(out_dir)
    register = open_register(Path(data_dir))
    empty = open_register(Path(data_dir) / "moi")
    window = MainWindow(register)
    window.show()

    def grab(name: str, widget) -> None:  # noqa: ANN001
        widget.show()
        app.processEvents()
        if suffix and name not in SMALL_SCREEN:
            return
        widget.grab().save(str(out / name.replace(".png", f"{suffix}.png")))

    def shots() -> None:
        page = window.citizens
        page.search.setText("nguyen thi")
        page.apply_filter()
        grab("cua-so-chinh.png", window)

        dialog = page._dialog(None)
        dialog.full_name.setText("trần   văn đức")
        dialog.birth.setText("31/02/1980")
        dialog.cccd.setText("06008012345")
        dialog.save()
        grab("nhap-nguoi-dan.png", dialog)
        dialog.close()

        first = page.model.row_id(0)
        record = register.citizens.get(first)
        register.citizens.update(first, record.version, record.draft.__class__(
            **{**record.draft.__dict__, "phone": "0912345678", "occupation": "Trồng thanh long"}))
        second = page.model.row_id(1)
        register.citizens.delete(second, "Chuyển đi nơi khác")
        grab("lich-su.png", HistoryDialog(register.citizens, first))
        deleted = CitizenPage(register, deleted=True)
        deleted.resize(1000, 300)
        grab("nguoi-da-xoa.png", deleted)

        window.tabs.setCurrentWidget(window.cycle)
        window.cycle.filters.search.setText("tran van")
        window.cycle.apply_filter()
        grab("nam-hoc-tap.png", window)
        sheet = window.cycle.sheet_dialog(SheetKind.CORRECTION)
        sheet.fields["2.2"].setText("4")
        grab("phieu-danh-gia.png", sheet)
        sheet.close()
        window.tabs.setCurrentWidget(window.dashboard)
        grab("tong-hop.png", window)
        window.tabs.setCurrentWidget(window.recognition)
        window.recognition.show_status(Status.RECOGNIZED)
        grab("de-nghi.png", window)
        window.tabs.setCurrentWidget(window.models)
        window.models.search.setText("nguyen van")
        grab("mo-hinh-hoc-tap.png", window)
        window.models.table.selectRow(0)
        enrolment = window.models.selected()[1]
        if enrolment is not None:
            from desktop.domain.models387 import Model
            from desktop.ui.model_dialogs import ModelSheetDialog

            sheet = ModelSheetDialog(register, Model.FAMILY, enrolment, window)
            grab("phieu-mo-hinh.png", sheet)
            sheet.close()

        wizard = SetupWizard(empty.office)
        wizard.province.setCurrentIndex(wizard.province.findText("Lâm Đồng"))
        wizard.commune.setCurrentIndex(wizard.commune.findText("Xã Hàm Thuận"))
        wizard.next()
        wizard.clerk.setText("Nguyễn Thị Lan")
        grab("thiet-lap.png", wizard)
        app.quit()

    QTimer.singleShot(300, shots)
    app.exec()
    register.close()
    empty.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
