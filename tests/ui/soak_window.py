"""A clerk's long day in the real main window, pressed key by key (run by test_soak.py in a process of its
own, so that a crash is a failure and memory is the program's alone). Prints one JSON line."""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.services.demo_data import GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE  # noqa: E402
from desktop.services.desk import open_register  # noqa: E402
from desktop.services.office import OfficeSetup  # noqa: E402
from desktop.ui.app import _rss_mb, make_app  # noqa: E402
from desktop.ui.assessment_dialog import AssessmentDialog  # noqa: E402
from desktop.ui.citizen_dialog import CitizenDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

YEAR = 2026
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
keys_pressed = 0
failures: list[BaseException] = []  # raised inside a dialog's own event loop


def people(n: int) -> list[tuple[str, str, str]]:
    """n people with different names (the search finds each by name), as on the paper forms."""
    out: dict[str, tuple[str, str, str]] = {}
    for k, (family, female) in enumerate(itertools.product(FAMILIES, (False, True))):
        middles = dict.fromkeys(MIDDLE_FEMALE if female else MIDDLE_MALE)
        givens = dict.fromkeys(GIVEN_FEMALE if female else GIVEN_MALE)
        for j, (middle, given) in enumerate(itertools.product(middles, givens)):
            name = f"{family} {middle} {given}"
            out.setdefault(name, (name, str(1950 + (j + k) % 55), "nu" if female else "nam"))
    assert len(out) >= n, len(out)
    return list(out.values())[:n]


def focused():  # noqa: ANN201
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def type_text(text: str) -> None:
    global keys_pressed
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
        keys_pressed += 1


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    global keys_pressed
    QTest.keyClick(focused(), key, modifiers)
    keys_pressed += 1


def with_keyboard(dialog: QWidget) -> None:
    """The offscreen platform does not hand a new window the keyboard as a screen does: ask for it."""
    while QApplication.focusWidget() is None or QApplication.focusWidget().window() is not dialog:
        dialog.activateWindow()
        QApplication.processEvents()


def when_open(kind: type, act) -> None:  # noqa: ANN001
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(1, attempt)
            return
        with_keyboard(dialog)
        try:
            act(dialog)
        except BaseException as e:  # noqa: BLE001 - reported after the dialog's loop has ended
            failures.append(e)
            dialog.done(0)
    QTimer.singleShot(0, attempt)


def main(n_people: int, n_sheets: int, folder: Path) -> dict:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "cau-hinh"))
    app = make_app()
    register = open_register(folder / "du-lieu", today=lambda: date(2026, 11, 25))
    register.office.set_up(OfficeSetup(
        province_code=68, province_name="Lâm Đồng", commune_code=23059, commune_name="Xã Hàm Thuận",
        association_name="Hội Khuyến học xã Hàm Thuận", clerk_name="Nguyễn Thị Lan",
        upper_level_name="Hội Khuyến học tỉnh Lâm Đồng", villages=("Thôn Phú Lập", "Thôn Đông")))
    window = MainWindow(register, YEAR)
    window.show()
    window.activateWindow()
    while QApplication.focusWidget() is not window.citizens.search:
        QApplication.processEvents()
    rss_start = _rss_mb()
    started = time.perf_counter()
    typed = people(n_people)
    warnings_confirmed = 0

    def enter_all(dialog: CitizenDialog) -> None:
        nonlocal warnings_confirmed
        for i, (name, birth, sex) in enumerate(typed):
            assert focused() is dialog.full_name, f"person {i}: the form's first field lost the keyboard"
            type_text(name)
            press(Qt.Key.Key_Tab)
            type_text(birth)
            press(Qt.Key.Key_Tab)
            type_text(sex)
            if i == 0:  # village and group are chosen on the first form and kept for the pile
                press(Qt.Key.Key_Tab)  # CCCD left empty
                press(Qt.Key.Key_Tab)
                type_text("phu")
                press(Qt.Key.Key_Tab)
                type_text("1")
            press(Qt.Key.Key_Return)
            if dialog.warnings.isVisible():
                warnings_confirmed += 1
                press(Qt.Key.Key_Return)
            assert dialog.saved_count == i + 1, f"person {i} ({name}) was not saved: {dialog.status.text()}"
        press(Qt.Key.Key_Escape)  # nothing typed on the blank form: closes at once

    when_open(CitizenDialog, enter_all)
    with_keyboard(window)
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if failures:
        raise failures[0]
    entered_s = time.perf_counter() - started
    rss_after_entry = _rss_mb()

    register.enrolments.register_all(YEAR)
    with_keyboard(window)  # Alt+2 is a shortcut of the window: it must be the active one
    press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert focused() is window.cycle.search
    opened: list[str] = []
    sheets_started = time.perf_counter()
    for i, (name, _, _) in enumerate(typed[:n_sheets]):
        scores = [10 - (i + j) % 4 for j in range(10)]

        def fill(dialog: AssessmentDialog, scores=scores) -> None:
            opened.append(dialog.windowTitle())
            for s in scores:
                type_text(str(s))
                press(Qt.Key.Key_Return)

        with_keyboard(window)
        assert focused() is window.cycle.search, f"sheet {i}: the keyboard is not back in the search"
        type_text(name.lower())
        press(Qt.Key.Key_Down)  # into the list, on the best match
        when_open(AssessmentDialog, fill)
        press(Qt.Key.Key_Return)
        if failures:
            raise failures[0]
        assert opened[-1].endswith(name), f"sheet {i}: opened {opened[-1]!r}, wanted {name}"
        assert window.statusBar().currentMessage().startswith(f"Đã lưu: {name} — "), window.statusBar().currentMessage()
    sheets_s = time.perf_counter() - sheets_started
    from desktop.db.enrolment_queries import EnrolmentFilter
    from desktop.domain.cycle import Status

    assessed = register.enrolments.count(EnrolmentFilter(YEAR, statuses=(Status.SELF_ASSESSED.value,)))
    result = {"people": n_people, "sheets": len(opened), "keys": keys_pressed, "warnings_confirmed": warnings_confirmed,
              "entry_s": round(entered_s, 1), "sheets_s": round(sheets_s, 1), "rss_start_mb": round(rss_start, 1),
              "rss_after_entry_mb": round(rss_after_entry, 1), "rss_end_mb": round(_rss_mb(), 1),
              "assessed_in_db": assessed}
    window.close()
    register.close()
    app.quit()
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))), flush=True)
