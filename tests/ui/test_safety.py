import errno
import logging

import pytest
from sqlalchemy.exc import OperationalError

from desktop.services import backups
from desktop.ui import messages, safety
from tests.conftest import add


def test_expected_failures_get_a_plain_message():
    locked = OperationalError("INSERT", {}, Exception("database is locked"))
    assert safety.explain(locked).startswith("Sổ đang bận")
    full = safety.explain(OSError(errno.ENOSPC, "No space left"))
    assert full.startswith("Ổ đĩa chứa thư mục") and "đã đầy" in full and "No space" not in full
    assert safety.explain(ValueError("x")) is None


def test_the_crash_dialog_logs_and_says_where(monkeypatch, tmp_path):
    said = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    log_path = tmp_path / "so-cdht.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    old = __import__("sys").excepthook
    try:
        safety.install_crash_dialog(log_path)
        try:
            raise RuntimeError("hỏng bất ngờ ở Nguyễn Văn An 068080001234")
        except RuntimeError as e:
            __import__("sys").excepthook(type(e), e, e.__traceback__)
    finally:
        __import__("sys").excepthook = old
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "Dữ liệu đã lưu trước đó vẫn còn nguyên" in said[0] and str(log_path) in said[0]
    assert "Nguyễn Văn An" not in said[0] and "068080001234" not in said[0]  # the error's text: the log only
    assert "hỏng bất ngờ" in log_path.read_text(encoding="utf-8")


@pytest.mark.sqlite_only
def test_daily_backup_and_restore_from_the_menu(qtbot, office, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1980")
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    daily = safety.DailyBackup(office, parent)
    daily.run()
    assert daily.last is not None and backups.preview(daily.last, office.folder).citizens == 1
    add(office, "Trần Văn Bình", birth="1981")
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(messages, "inform", lambda *a: None)
    assert safety.restore_from(parent, office, daily.last)
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.services.desk import open_register

    again = open_register(office.folder)
    try:
        assert again.citizens.count(CitizenFilter()) == 1
    finally:
        again.close()


def test_a_second_window_is_told(tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(title))
    first = safety.second_window_notice(tmp_path)
    assert first is not None and said == []
    assert safety.second_window_notice(tmp_path) is None
    assert said == ["Sổ đang mở ở cửa sổ khác"]
    first.unlock()


def test_a_fatal_error_reaches_the_log_and_the_next_start_says_so(qtbot, tmp_path, monkeypatch):
    """A crash inside Qt kills the process before logging can write: faulthandler writes into the log
    folder, and the next window tells the clerk what happened and where the log is."""
    import subprocess
    import sys

    from desktop.logs import LOG_FOLDER, setup_logging

    child = ("import os, sys; from pathlib import Path; from desktop.logs import mark_running, "
             "watch_fatal_errors; d = Path(sys.argv[1]); watch_fatal_errors(d); mark_running(d); os.abort()")
    run = subprocess.run([sys.executable, "-c", child, str(tmp_path)], capture_output=True, timeout=60)
    assert run.returncode != 0
    assert "Fatal Python error" in (tmp_path / LOG_FOLDER / "loi-nghiem-trong.log").read_text(encoding="utf-8")

    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(f"{title}\n{text}"))
    log_path = setup_logging(tmp_path)
    lock = safety.abnormal_end_notice(tmp_path)
    try:
        assert lock is not None and len(said) == 1
        assert "dừng bất thường" in said[0] and "lỗi nghiêm trọng" in said[0]
        assert "đã lưu trước đó vẫn còn nguyên" in said[0] and str(log_path) in said[0]
        assert "Fatal Python error" in log_path.read_text(encoding="utf-8")
    finally:
        safety.release(tmp_path, lock)
        for h in list(logging.getLogger().handlers):
            if getattr(h, "baseFilename", "") == str(log_path):
                logging.getLogger().removeHandler(h)
                h.close()
    # a clean end: the next start says nothing
    lock = safety.abnormal_end_notice(tmp_path)
    safety.release(tmp_path, lock)
    assert len(said) == 1


def test_a_power_cut_is_told_too(qtbot, tmp_path, monkeypatch):
    from desktop.logs import mark_running

    mark_running(tmp_path)  # a run that never ended, with nothing in the fatal log
    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(text))
    lock = safety.abnormal_end_notice(tmp_path)
    safety.release(tmp_path, lock)
    assert len(said) == 1 and "tắt đột ngột" in said[0]


@pytest.mark.sqlite_only
def test_a_new_pc_restores_from_the_first_start_wizard(qtbot, office, tmp_path, monkeypatch):
    """The office's backup on a USB stick, a new PC: the wizard's button restores it, no setting up."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QWizard

    from desktop.services.desk import open_register
    from desktop.ui.setup_wizard import SetupWizard

    add(office, "Nguyễn Văn An", birth="1980")
    usb = backups.make_backup(office.db, office.folder, tmp_path / "usb")
    new_pc = open_register(tmp_path / "may-moi")
    told = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(usb), ""))
    monkeypatch.setattr(messages, "inform", lambda _p, title, text: told.append(title))
    wizard = SetupWizard(new_pc.office, keys=new_pc.keys, restore=lambda parent: safety.restore_from(parent, new_pc))
    qtbot.addWidget(wizard)
    wizard.show()
    button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert button.isVisible() and "Khôi phục" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert told == ["Đã khôi phục"] and not wizard.isVisible()
    again = open_register(tmp_path / "may-moi")
    try:
        assert again.office.info().association_name == "Hội Khuyến học xã Hàm Thuận"
        from desktop.db.citizen_queries import CitizenFilter

        assert again.citizens.count(CitizenFilter()) == 1
    finally:
        again.close()
