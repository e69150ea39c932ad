"""The clerk's keyboard loop, with the real keys pressed on the real window: every shortcut unique in its
context, Ctrl+F and Alt+1…4 from anywhere, search → list → sheet → save → back to the emptied search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.ui.assessment_dialog import AssessmentDialog
from desktop.ui.citizen_dialog import CitizenDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import add
from tests.ui.keys import enter, focused, keyboard_back_in, type_text, when_open

YEAR = 2026
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("quiet_messages")


@pytest.fixture
def window(qtbot, office):
    add(office, "Nguyễn Văn An", birth="1980")
    add(office, "Nguyễn Thị Hường", sex=Sex.FEMALE, birth="1985", village="Thôn Đông")
    add(office, "Lê Văn Cường", birth="1975", group=CitizenGroup.OFFICIAL, occupation="Công chức UBND xã")
    office.enrolments.register_all(YEAR)
    w = MainWindow(office, YEAR)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitActive(w)
    yield w
    w.close()  # while its register is open: the pages' last events may still read it
    QApplication.processEvents()


def key(widget, k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    QTest.keyClick(widget, k, modifiers)


def active_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(key sequence, what it does) of every shortcut that can fire in the window as it is now."""
    found = []
    for action in window.findChildren(QAction):
        if action.isEnabled():
            found += [(s.toString(QKeySequence.SequenceFormat.PortableText), action.text()) for s in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and parent is not None and parent.isVisible():
            found.append((shortcut.key().toString(QKeySequence.SequenceFormat.PortableText), parent.objectName()
                          or type(parent).__name__))
    return [f for f in found if f[0]]


def assert_unique(found: list[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for sequence, what in found:
        assert sequence not in seen, f"{sequence} is bound twice: {seen[sequence]!r} and {what!r}"
        seen[sequence] = what


def mnemonics(window: QMainWindow) -> list[str]:
    return [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions() if "&" in a.text()]


def test_every_shortcut_and_mnemonic_is_unique_on_every_tab(window):
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        found = active_shortcuts(window)
        assert_unique(found)
        assert {"Ctrl+N", "Ctrl+F", "Ctrl+P", "Alt+1", "Alt+4"} <= {f[0] for f in found}
    letters = mnemonics(window)
    assert len(letters) == len(set(letters)) == len(window.menuBar().actions()), letters


def test_the_upper_levels_window_too(qtbot, register):
    from desktop.services.office import OfficeSetup
    from desktop.ui.upper_window import UpperWindow

    register.office.set_up(OfficeSetup(province_code=68, province_name="Lâm Đồng", commune_code=68,
                                       commune_name="Lâm Đồng", association_name="Hội Khuyến học tỉnh Lâm Đồng",
                                       clerk_name="Trần Văn Bình", upper_level_name="Trung ương Hội Khuyến học Việt Nam",
                                       villages=(), kind="upper"))
    upper = UpperWindow(register, YEAR)
    qtbot.addWidget(upper)
    upper.show()
    for i in range(upper.tabs.count()):
        upper.tabs.setCurrentIndex(i)
        assert_unique(active_shortcuts(upper))
    letters = mnemonics(upper)
    assert len(letters) == len(set(letters)) == len(upper.menuBar().actions())


def test_the_window_opens_with_the_keyboard_in_the_registers_search(window):
    assert focused() is window.citizens.search
    type_text("hường")
    assert window.citizens.search.text() == "hường"


def test_ctrl_n_opens_the_entry_form(window, monkeypatch):
    opened = []
    monkeypatch.setattr(CitizenDialog, "exec", lambda self: opened.append(self) or 0)
    key(window.citizens.table, Qt.Key.Key_N, CTRL)
    assert len(opened) == 1


def test_alt_digits_switch_tabs_from_a_table_and_ctrl_f_finds_each_tabs_search(window):
    window.citizens.table.setFocus()
    for i, search in ((1, window.cycle.search), (2, window.recognition.search), (0, window.citizens.search)):
        key(focused(), getattr(Qt.Key, f"Key_{i + 1}"), ALT)
        assert window.tabs.currentIndex() == i
        page = window.tabs.currentWidget()
        page.table.setFocus()
        key(page.table, Qt.Key.Key_F, CTRL)
        assert focused() is search
    key(focused(), Qt.Key.Key_4, ALT)
    assert window.tabs.currentWidget() is window.dashboard
    key(focused(), Qt.Key.Key_F, CTRL)  # no search on the dashboard: the register's
    assert window.tabs.currentIndex() == 0 and focused() is window.citizens.search


def fill_sheet_when_it_opens(qtbot, scores: list[int], seen: list[AssessmentDialog]) -> None:  # noqa: ANN001
    """Types a whole paper sheet into the modal score sheet once it has opened, as the clerk would."""
    def fill(dialog: AssessmentDialog) -> None:
        seen.append(dialog)
        for s in scores:
            type_text(str(s), focused())
            enter()
    when_open(AssessmentDialog, fill)


def test_from_the_years_search_to_a_saved_sheet_and_back(qtbot, window):
    key(focused(), Qt.Key.Key_2, ALT)
    assert focused() is window.cycle.search
    type_text("huong")
    seen: list[AssessmentDialog] = []
    fill_sheet_when_it_opens(qtbot, [9, 9, 8, 9, 8, 8, 9, 9, 9, 8], seen)
    key(focused(), Qt.Key.Key_Return)  # one hit: Enter opens her sheet at once
    assert len(seen) == 1 and not seen[0].isVisible()
    assert keyboard_back_in(qtbot, window) is window.cycle.search and window.cycle.search.text() == ""
    assert window.statusBar().currentMessage() == "Đã lưu: Nguyễn Thị Hường — đạt: 86 điểm"
    # down into the list, Enter on a person: the sheet of the step they are at
    type_text("an")
    seen.clear()
    fill_sheet_when_it_opens(qtbot, [5] * 10, seen)
    key(focused(), Qt.Key.Key_Down)
    assert focused() is window.cycle.table
    key(focused(), Qt.Key.Key_Return)
    assert len(seen) == 1
    assert window.statusBar().currentMessage().startswith("Đã lưu: ")
    assert "chưa đạt" in window.statusBar().currentMessage()
    assert keyboard_back_in(qtbot, window) is window.cycle.search


def test_from_the_registers_search_to_the_form_and_back(qtbot, window):
    type_text("cuong")

    def change_and_save(dialog: CitizenDialog) -> None:
        dialog.phone.setFocus()
        type_text("0912345678", dialog.phone)
        enter()
    when_open(CitizenDialog, change_and_save)
    key(focused(), Qt.Key.Key_Return)
    assert keyboard_back_in(qtbot, window) is window.citizens.search and window.citizens.search.text() == ""
    assert window.statusBar().currentMessage() == "Đã lưu: Lê Văn Cường"


def test_sending_without_the_upper_levels_key_says_so_before_asking_anything(qtbot, office):
    from desktop.ui.exchange_pages import SendDialog
    from desktop.ui.passphrase import PassphraseKeeper

    keeper = PassphraseKeeper()
    asked = []
    keeper.get = lambda *a: asked.append(a) or None  # type: ignore[method-assign]
    dialog = SendDialog(office, YEAR, keeper)
    qtbot.addWidget(dialog)
    dialog.export()
    assert asked == [] and "Chưa có khoá của cấp trên" in dialog.status.text()


def test_the_history_shows_whole_times(qtbot, office):
    from desktop.ui.history_dialog import HistoryDialog

    person = add(office, "Nguyễn Văn An", birth="1980")
    dialog = HistoryDialog(office.citizens, person)
    qtbot.addWidget(dialog)
    dialog.show()
    item = dialog.tree.topLevelItem(0)
    assert dialog.tree.columnWidth(0) > dialog.tree.fontMetrics().horizontalAdvance(item.text(0))


def test_the_years_list_says_who_withdrew_where_the_dashboard_does_not_count_them(window):
    register = window.register
    row = register.enrolments.page(EnrolmentFilter(YEAR), 0, 1)[0]
    register.enrolments.withdraw(row.id, "Chuyển đi")
    window.tabs.setCurrentWidget(window.cycle)
    window.cycle.apply_filter()
    assert window.cycle.count.text() == "3 người (1 đã rút tên, không tính vào Tổng hợp)"
    stats = register.stats.compute(YEAR)
    assert stats.total.registered == 2


def test_a_long_print_job_shows_a_moving_bar_while_the_file_is_finished(qtbot, office):
    from PySide6.QtWidgets import QWidget

    from desktop.ui.worker import Background

    parent = QWidget()
    qtbot.addWidget(parent)
    job = Background(parent, "Phiếu tự đánh giá", lambda progress: None, lambda r: None, lambda e: None)
    job._progress(2500, 5000)
    assert (job.dialog.maximum(), job.dialog.value()) == (5000, 2500)
    job._progress(5000, 5000)
    assert job.dialog.maximum() == 0 and "đang hoàn tất" in job.dialog.labelText()
