"""Issue 21: a file dialog opens where the clerk last went for the same kind of file, not always in the home
folder. Qt's own dialog (as on Linux), answered by the keyboard while it is open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from desktop.ui import file_dialogs
from desktop.ui.roster_dialog import RosterDialog
from tests.ui.keys import press, type_text


@pytest.fixture
def remembered(tmp_path, monkeypatch):
    """The folders remembered in a file of this test's own."""
    path = tmp_path / "thu-muc.ini"
    monkeypatch.setattr(file_dialogs, "settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


class Clerk:
    """Answers the next file dialog: notes the folder it opened in and the name it offered, then types
    `typed` and Enter, or presses Esc when there is nothing to type."""

    def __init__(self, typed: str = "") -> None:
        self.typed, self.folder, self.offered = typed, None, None
        self._tries = 0
        QTimer.singleShot(50, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            self._tries += 1
            assert self._tries < 100, "no file dialog opened"
            QTimer.singleShot(50, self._answer)
            return
        self.folder = Path(dialog.directory().absolutePath())
        edit = dialog.findChild(QLineEdit, "fileNameEdit")  # Qt's own dialog: the name typed or offered
        assert edit is not None
        self.offered = edit.text()
        if self.typed:
            edit.setFocus()
            edit.selectAll()
            type_text(self.typed, edit)
            press(Qt.Key.Key_Return, edit)
        else:
            press(Qt.Key.Key_Escape, dialog)


@pytest.fixture
def folders(tmp_path):
    rosters = tmp_path / "Danh sách các thôn"  # a clerk's folder, with its diacritics
    rosters.mkdir()
    (rosters / "thon-dong.xlsx").write_bytes(b"")
    pdfs = tmp_path / "In"
    pdfs.mkdir()
    return rosters, pdfs


def test_the_tests_keep_to_their_own_settings():
    # the conftest points the user's settings at a temporary folder: nothing here reaches the clerk's own
    assert "so-cdht-cua-so-" in file_dialogs.settings().fileName()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # offscreen, modal
def test_a_roster_dialog_opens_where_the_last_roster_was_chosen(qtbot, office, remembered, folders):
    rosters, pdfs = folders
    first = Clerk(str(rosters / "thon-dong.xlsx"))
    chosen = file_dialogs.open_file(None, "roster", "Chọn danh sách Excel", "Excel (*.xlsx)")
    assert first.folder == Path.home()  # nothing remembered yet: the home folder
    assert chosen == rosters / "thon-dong.xlsx"

    # the next roster dialog, from the import window's own button, opens in that folder
    dialog = RosterDialog(office)
    qtbot.addWidget(dialog)
    again = Clerk()
    dialog.choose_file()
    assert again.folder == rosters

    # a PDF is another kind: its dialog still opens in the home folder, the name offered kept
    pdf = Clerk()
    assert file_dialogs.save_file(None, "pdf", "Lưu thành PDF", "danh-sach-2026.pdf", "PDF (*.pdf)") is None
    assert pdf.folder == Path.home() and pdf.offered == "danh-sach-2026.pdf"

    # a PDF saved elsewhere is remembered for PDFs and leaves the rosters' folder as it was
    saved = Clerk(str(pdfs / "danh-sach-2026.pdf"))
    assert file_dialogs.save_file(None, "pdf", "Lưu thành PDF", "danh-sach-2026.pdf", "PDF (*.pdf)") \
        == pdfs / "danh-sach-2026.pdf"
    assert saved.folder == Path.home()
    report = Clerk()
    file_dialogs.save_file(None, "roster", "Lưu tệp báo lỗi", "thon-dong-bao-loi.xlsx", "Excel (*.xlsx)")
    assert report.folder == rosters and report.offered == "thon-dong-bao-loi.xlsx"
    pdf_again = Clerk()
    file_dialogs.save_file(None, "pdf", "Lưu thành PDF", "giay-cong-nhan.pdf", "PDF (*.pdf)")
    assert pdf_again.folder == pdfs and pdf_again.offered == "giay-cong-nhan.pdf"


def test_a_folder_that_is_gone_falls_back(remembered, folders, monkeypatch):
    rosters, pdfs = folders
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, start: asked.append(start) or "")
    file_dialogs.remember("backup", pdfs / "USB")  # the stick is out
    assert file_dialogs.choose_folder(None, "backup", "Chọn nơi sao lưu (ví dụ USB)") is None
    assert asked == [str(Path.home())]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, start, flt: (asked.append(start), ("", ""))[1])
    file_dialogs.open_file(None, "backup", "Chọn bản sao lưu", "Sao lưu (*.zip)", fallback=rosters)
    assert asked[-1] == str(rosters)  # the caller's own starting place (the automatic backups' folder)
