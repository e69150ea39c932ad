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
    assert safety.explain(OSError(errno.ENOSPC, "No space left")).startswith("Ổ đĩa đã đầy")
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
            raise RuntimeError("hỏng bất ngờ")
        except RuntimeError as e:
            __import__("sys").excepthook(type(e), e, e.__traceback__)
    finally:
        __import__("sys").excepthook = old
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "Dữ liệu đã lưu trước đó vẫn còn nguyên" in said[0] and str(log_path) in said[0]
    assert "hỏng bất ngờ" in log_path.read_text(encoding="utf-8")


@pytest.mark.sqlite_only
def test_daily_backup_and_restore_from_the_menu(qtbot, office, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1980")
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    daily = safety.DailyBackup(office, parent)
    daily.run()
    assert daily.last is not None and backups.preview(daily.last).citizens == 1
    add(office, "Trần Văn Bình", birth="1981")
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(messages, "inform", lambda *a: None)
    assert safety.restore_from(parent, office, daily.last)
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.services.register import open_register

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
