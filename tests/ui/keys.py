"""Typing as a clerk does. Vietnamese goes one character at a time through sendKeyEvent with
Key_unknown: QTest.keyClicks aborts on non-ASCII characters."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget or focused(), Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def press(key: Qt.Key, widget: QWidget | None = None) -> None:
    QTest.keyClick(widget or focused(), key)


def tab() -> None:
    press(Qt.Key.Key_Tab)


def enter() -> None:
    press(Qt.Key.Key_Return)
