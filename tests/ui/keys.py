"""Typing as a clerk does. Vietnamese goes one character at a time through sendKeyEvent with
Key_unknown: QTest.keyClicks aborts on non-ASCII characters."""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
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


def when_open(kind: type, act: Callable) -> None:
    """Runs `act(dialog)` once a modal dialog of that kind is open and has the keyboard (as on a real
    screen, where a new dialog takes the focus; the offscreen platform needs it asked for)."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(5, attempt)
            return
        widget = QApplication.focusWidget()
        if widget is None or widget.window() is not dialog:
            dialog.activateWindow()
            QTimer.singleShot(5, attempt)
            return
        act(dialog)
    QTimer.singleShot(0, attempt)


def keyboard_back_in(qtbot, window: QWidget) -> QWidget:  # noqa: ANN001
    """The widget that has the window's keyboard once a dialog closed (a real screen gives the window its
    activation back; offscreen it is asked for)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window.focusWidget()


def keyboard_in(qtbot, window: QWidget) -> None:  # noqa: ANN001
    """Waits until `window` has the keyboard (a window of an earlier test may still hold it for a moment)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window)


def shown(qtbot, dialog: QWidget) -> QWidget:  # noqa: ANN001
    """A dialog on screen with the keyboard, as a clerk gets it."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    keyboard_in(qtbot, dialog)
    return dialog
