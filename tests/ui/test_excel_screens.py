import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from desktop.db.citizen_queries import CitizenFilter
from desktop.ui import messages
from desktop.ui.main_window import MainWindow
from desktop.ui.roster_dialog import RosterDialog
from tests.sheets.test_roster import messy_book


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(messages, "warn", lambda *a: None)
    monkeypatch.setattr(messages, "inform", lambda *a: None)


def wait(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.job is not None and not dialog.job.running, timeout=20000)


def test_roster_dry_run_then_import_and_error_file(qtbot, office, tmp_path):
    from desktop.domain.sex import Sex
    from tests.conftest import add

    add(office, "Ngô Thị Hoa", sex=Sex.FEMALE, birth="1970")
    dialog = RosterDialog(office)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.check(messy_book(tmp_path / "phu-lap.xlsx"))
    wait(qtbot, dialog)
    assert "10 dòng: 5 người mới, 0 đã có trong sổ, 1 có thể trùng, 4 dòng lỗi." in dialog.summary.text()
    assert "Chưa lưu gì" in dialog.summary.text()
    assert dialog.table.rowCount() == 10
    assert dialog.table.item(4, 0).text() == "10" and dialog.table.item(4, 2).text() == "Lỗi"
    assert "31/02/1980" in dialog.table.item(4, 3).text()
    assert office.citizens.count(CitizenFilter()) == 1
    dialog.save_errors_to(tmp_path / "bao-loi.xlsx")
    assert load_workbook(tmp_path / "bao-loi.xlsx")["Thon Phu Lap"]["J10"].value
    dialog.duplicates.setChecked(True)
    dialog.run_import()
    assert office.citizens.count(CitizenFilter()) == 7 and dialog.imported == 6
    assert not dialog.import_button.isEnabled()


def test_a_file_that_is_not_a_roster(qtbot, office, tmp_path):
    (tmp_path / "cu.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    dialog = RosterDialog(office)
    qtbot.addWidget(dialog)
    dialog.check(tmp_path / "cu.xlsx")
    wait(qtbot, dialog)
    assert "tệp Excel kiểu cũ (.xls)" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and not dialog.errors_button.isEnabled()


def test_exports_from_the_window(qtbot, office, tmp_path, monkeypatch):
    from tests.conftest import add

    add(office, "Nguyễn Văn An", birth="1980")
    window = MainWindow(office, year=2026)
    qtbot.addWidget(window)
    target = tmp_path / "ra.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.export_current()
    assert load_workbook(target)["Người dân"]["A3"].value == "Nguyễn Văn An"
    window.save_template()
    assert "Danh sách" in load_workbook(target).sheetnames
    window.tabs.setCurrentWidget(window.dashboard)
    window.export_current()
    assert load_workbook(target).sheetnames == ["Theo nhóm", "Theo thôn", "Đơn vị", "Mô hình học tập", "Tỉ lệ theo QĐ 677"]
