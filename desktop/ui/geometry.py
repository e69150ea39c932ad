"""Windows that fit the office's screen (1024×600 with a taskbar is common) and come back at the size and
place the clerk left them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

ORGANISATION, SETTINGS_NAME = "SoCongDanHocTap", "cua-so"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, SETTINGS_NAME)


def fit(widget: QWidget, name: str, width: int, height: int) -> None:
    """The saved size and place if there is one; otherwise the default size, cut to the screen's free
    area (a main window that would not fit opens maximized). Saved again whenever the window hides."""
    _Keeper(widget, name)
    saved = settings().value(f"{name}/geometry")
    if saved is not None and widget.restoreGeometry(saved):
        return
    screen = widget.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    widget.resize(min(width, free.width()), min(height, free.height()))
    if isinstance(widget, QMainWindow) and (width > free.width() or height > free.height()):
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)


class _Keeper(QObject):
    def __init__(self, widget: QWidget, name: str) -> None:
        super().__init__(widget)
        self._name = name
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and isinstance(watched, QWidget) \
                and watched.isWindow() and watched.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
            settings().setValue(f"{self._name}/geometry", watched.saveGeometry())
        return False
