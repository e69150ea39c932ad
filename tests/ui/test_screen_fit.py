"""Issue 21, item 9: a window opens whole on the screen, its title bar and its status bar included (a
1366×768 screen without a taskbar cut the main window's status bar off), and the status bar's words keep
off the screen's edge."""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from desktop.ui import geometry, main_window
from desktop.ui.geometry import TYPICAL_FRAME, default_geometry, fit
from desktop.ui.main_window import MainWindow

WIDE = QRect(0, 0, 1366, 768)  # the tester's screen: no taskbar
XFCE_LIKE = QMargins(1, 24, 1, 1)


def with_frame(inner: QRect, frame: QMargins) -> QRect:
    return inner.marginsAdded(frame)


@pytest.mark.parametrize("frame", [TYPICAL_FRAME, XFCE_LIKE, QMargins(0, 0, 0, 0)])
@pytest.mark.parametrize("free", [WIDE, QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 560), QRect(0, 40, 1920, 1040)])
def test_the_default_size_leaves_room_for_the_frame(free, frame):
    inner, whole = default_geometry(free, QSize(1180, 760), frame)
    assert free.contains(with_frame(inner, frame)), (inner, frame)
    assert whole == (inner.size() == QSize(1180, 760))
    room = free.marginsRemoved(frame)
    assert inner.width() == min(1180, room.width()) and inner.height() == min(760, room.height())


def test_the_tester_s_screen_keeps_the_status_bar_in_view():
    inner, whole = default_geometry(WIDE, QSize(1180, 760), XFCE_LIKE)
    assert not whole and inner.height() == 768 - 25 and inner.top() == 24 and inner.bottom() == 766


def test_a_main_window_is_placed_whole_on_a_wide_screen_without_a_taskbar(qtbot, office, monkeypatch):
    geometry.settings().remove("cua-so-chinh")
    monkeypatch.setattr(main_window, "fit", functools.partial(fit, free=WIDE, frame=XFCE_LIKE))
    window = MainWindow(office, 2026)
    qtbot.addWidget(window)
    assert window.isMaximized()  # 760 pixels and a title bar do not fit in 768: the window takes the screen
    # and when the clerk makes it smaller, its own size leaves room for the frame
    assert (window.width(), window.height()) == (1180, 768 - 25)
    assert WIDE.contains(QRect(window.pos(), window.size().grownBy(XFCE_LIKE)))
    assert window.pos() == QPoint((1366 - 1182) // 2, 0)


def test_a_window_that_fits_is_centred_with_its_frame(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar().showMessage("Xã Hàm Thuận")
    free = QRect(0, 0, 1920, 1040)
    fit(window, "thu-khung", 1180, 760, free=free, frame=TYPICAL_FRAME)
    assert not window.isMaximized() and window.size() == QSize(1180, 760)
    frame_rect = QRect(window.pos(), window.size().grownBy(TYPICAL_FRAME))
    assert free.contains(frame_rect) and frame_rect.center().x() in (959, 960)
    geometry.settings().remove("thu-khung")


def test_a_dialog_on_the_real_screen_leaves_room_for_a_title_bar(qtbot):
    screen = QApplication.primaryScreen().availableGeometry()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit(dialog, "thu-hop-thoai", 600, screen.height() - 5)  # fits the screen, not with a title bar above it
    assert dialog.height() == screen.height() - TYPICAL_FRAME.top() - TYPICAL_FRAME.bottom()
    geometry.settings().remove("thu-hop-thoai")


def test_the_status_bar_keeps_its_words_off_the_screen_edge(qtbot, office):
    window = MainWindow(office, 2026)
    qtbot.addWidget(window)
    window.showMaximized()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    bar, label = window.statusBar(), window.clerk_label
    assert label.isVisible() and label.text().startswith("Cán bộ nhập liệu")
    right = label.mapTo(bar, QPoint(label.width(), 0)).x()
    assert bar.width() - right >= 10, f"the clerk's name ends {bar.width() - right} px from the edge"
