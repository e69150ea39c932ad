"""Every word a clerk sees is Vietnamese, Qt's own included: file dialogs, the right-click menu of text
fields, standard and input-dialog buttons, the wizard. The project's Qt Linguist file provides them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop.resources import resource
from desktop.ui.setup_wizard import SetupWizard

ENGLISH = ["Look in", "File name", "Files of type", "Open", "Cancel", "Save", "Back", "Forward", "Detail View",
           "List View", "Parent Directory", "Create New Folder", "Name", "Size", "Type", "Date Modified", "OK",
           "Undo", "Redo", "Cut", "Copy", "Paste", "Select All", "Delete", "Next", "Finish", "Yes", "No", "Close",
           "Apply", "Help", "Directory", "Computer", "Recent Places", "Enter a value", "Insert Unicode"]
WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


def visible_text(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    return [t.replace("&", "") for t in texts if t]


def english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if WORD.search(t)]


def test_the_translation_file_compiles_whole(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    run = subprocess.run([str(lrelease), str(resource("translations", "qt_vi.ts")), "-qm", str(tmp_path / "vi.qm")],
                         capture_output=True, text=True, check=True)
    assert "0 unfinished" in run.stdout and (tmp_path / "vi.qm").stat().st_size > 5000


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave])
def test_file_dialogs(qtbot, tmp_path, mode):
    (tmp_path / "so.xlsx").write_bytes(b"x")
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux
    dialog.setAcceptMode(mode)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = visible_text(dialog)
    assert english_in(texts) == [], english_in(texts)
    assert any("Tìm trong" in t for t in texts) and any("Tên tệp" in t for t in texts)
    dialog.reject()


def test_folder_dialog(qtbot, tmp_path):
    dialog = QFileDialog(None, "Chọn nơi sao lưu", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_in(visible_text(dialog)) == []


@pytest.mark.parametrize("field", [QLineEdit, QPlainTextEdit])
def test_right_click_menus_of_text_fields(qtbot, field):
    widget = field()
    qtbot.addWidget(widget)
    widget.show()
    (widget.setText if isinstance(widget, QLineEdit) else widget.setPlainText)("Nguyễn Thị Lan")
    menu = widget.createStandardContextMenu()
    texts = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]
    assert english_in(texts) == [], texts
    assert {"Chép", "Dán", "Chọn hết"} <= set(texts)


def test_input_dialogs_and_standard_buttons(qtbot):
    dialog = QInputDialog()
    dialog.setLabelText("Lý do rút tên:")
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_in(visible_text(dialog)) == []
    assert {"Đồng ý", "Huỷ"} <= set(visible_text(dialog))
    box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Lưu không?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    box.show()
    assert english_in(visible_text(box)) == []
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
                               | QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Apply)
    qtbot.addWidget(buttons)
    assert english_in([b.text().replace("&", "") for b in buttons.buttons()]) == []


def test_the_wizard_on_every_page(qtbot, register):
    wizard = SetupWizard(register.office)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.province.setCurrentIndex(1)
    wizard.commune.setCurrentIndex(1)
    wizard.clerk.setText("Nguyễn Thị Lan")
    wizard.villages.setPlainText("Thôn 1")
    seen = []
    while True:
        seen.append(wizard.currentId())
        assert english_in(visible_text(wizard)) == [], wizard.currentId()
        if wizard.currentId() == 3:
            break
        wizard.next()
    assert seen == [0, 1, 2, 3]
    assert "Hoàn tất" in visible_text(wizard)
