"""Windows that fit the office's screen (1024×600 with a taskbar is common) and come back at the size and
place the clerk left them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

ORGANISATION, SETTINGS_NAME = "SoCongDanHocTap", "cua-so"
# The window manager's frame around a window (title bar and borders) is known only once the window is on
# screen; until then a typical one is assumed: Windows 10/11's at 100 % (a 31-pixel title bar, 8-pixel
# borders, most of them invisible), more than most Linux window managers draw.
TYPICAL_FRAME = QMargins(8, 31, 8, 8)


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, SETTINGS_NAME)


def fit(widget: QWidget, name: str, width: int, height: int, *, frame: QMargins | None = None,
        free: QRect | None = None) -> None:
    """The saved size and place if there is one; otherwise the default size, cut so that the window with its
    frame (title bar and borders) fits the screen's free area; a main window is centred there, and one that
    would not fit whole opens maximized. Saved again whenever the window hides. `frame` and `free` (the
    screen less its taskbar) are measured when not given."""
    _Keeper(widget, name)
    saved = settings().value(f"{name}/geometry")
    if saved is not None and widget.restoreGeometry(saved):
        return
    if free is None:
        free = (widget.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    if frame is None:
        frame = frame_margins(widget)
    inner, whole = default_geometry(free, QSize(width, height), frame)
    widget.resize(inner.size())
    if isinstance(widget, QMainWindow) and widget.parent() is None:  # a dialog stays centred on its window
        widget.move(inner.topLeft() - QPoint(frame.left(), frame.top()))  # a window's place is its frame's
        if not whole:
            widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)


def frame_margins(widget: QWidget) -> QMargins:
    """The frame around a window as drawn on screen, or TYPICAL_FRAME while it is not known yet."""
    if widget.isWindow() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
        outer, inner = widget.frameGeometry(), widget.geometry()
        drawn = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                         outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if drawn.top() > 0:
            return drawn
    return TYPICAL_FRAME


def default_geometry(free: QRect, wanted: QSize, frame: QMargins) -> tuple[QRect, bool]:
    """The window's own area (inside its frame): the wanted size cut to what the free area leaves once the
    frame is around it, centred there; and whether the wanted size fitted whole."""
    room = QSize(free.width() - frame.left() - frame.right(), free.height() - frame.top() - frame.bottom())
    size = wanted.boundedTo(room)
    x = free.x() + frame.left() + (room.width() - size.width()) // 2
    y = free.y() + frame.top() + (room.height() - size.height()) // 2
    return QRect(QPoint(x, y), size), size == wanted


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
