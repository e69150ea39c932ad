"""Every window and dialog is usable on the office's small screens: 1024×600 less a taskbar leaves
1024×560. Each is sized to that, and its primary action must be inside what the clerk sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard

from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model
from desktop.services.model_registers import ClanDraft, HouseholdDraft, OrganisationDraft
from desktop.services.office import OfficeSetup
from desktop.ui.assessment_dialog import AssessmentDialog, SheetKind
from desktop.ui.citizen_dialog import CitizenDialog
from desktop.ui.enrolment_page import RegisterDialog
from desktop.ui.exchange_pages import CheckCertificateDialog, SendDialog
from desktop.ui.history_dialog import HistoryDialog
from desktop.ui.keys_dialog import KeysDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.model_dialogs import (
    ModelDecisionDialog,
    ModelPrintDialog,
    ModelRegisterDialog,
    ModelSheetDialog,
)
from desktop.ui.model_subjects import ClanHouseholdsDialog, MembersDialog, SubjectDialog, WorkplacesDialog
from desktop.ui.office_settings_dialog import OfficeSettingsDialog
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.print_dialog import PrintDialog
from desktop.ui.recognition_page import DecisionDialog
from desktop.ui.roster_dialog import RosterDialog
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.upper_window import UpperWindow
from desktop.ui.villages_dialog import VillagesDialog
from desktop.ui.year_settings_dialog import YearSettingsDialog
from tests.conftest import add, village_id

YEAR = 2026
SCREENS = [(1024, 560), (1366, 728)]  # 1024×600 and 1366×768, less a 40-pixel taskbar


@pytest.fixture
def people(office):
    names = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga"]
    ids = [add(office, f"Nguyễn Văn {n}", birth=str(1960 + i)) for i, n in enumerate(names)]
    ids.append(add(office, "Lê Văn Cường", birth="1975", group=CitizenGroup.OFFICIAL, occupation="Công chức"))
    office.enrolments.register_all(YEAR)
    office.enrolments.withdraw(office.enrolments.of_citizen(ids[0], YEAR), "Chuyển đi")  # the longest count line
    return office, ids


def shown_at(qtbot, widget: QWidget, size: tuple[int, int]) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.setWindowState(Qt.WindowState.WindowNoState)  # not maximized on the small offscreen screen
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    assert widget.width() <= size[0] and widget.height() <= size[1], \
        f"{type(widget).__name__} will not shrink to {size}: {widget.width()}×{widget.height()}"
    return widget


def assert_in_view(window: QWidget, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget!r} is hidden"
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    assert window.rect().contains(rect), f"{widget!r} at {rect} is outside the window {window.rect()}"
    assert widget.visibleRegion().boundingRect().size() == widget.size(), f"{widget!r} is partly scrolled or covered"


def primary(widget: QWidget) -> QAbstractButton:
    if isinstance(widget, QWizard):
        return widget.button(QWizard.WizardButton.NextButton)
    button = widget.findChild(QAbstractButton, "primary")
    assert button is not None, f"{type(widget).__name__} names no primary button"
    return button


def dialogs(register, ids):  # noqa: ANN001, ANN201
    keeper = PassphraseKeeper()
    enrolment = register.enrolments.of_citizen(ids[-1], YEAR)
    home = register.households.save(HouseholdDraft("Hộ Nguyễn Văn Bình", village_id(register, "Thôn Phú Lập"), ids[1],
                                                   {ids[2]: "Con"}))
    clan = register.clans.save(ClanDraft("Họ Nguyễn Văn (chi trưởng)", households=[home]))
    register.organisations.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25))
    register.model_cycle(Model.FAMILY).register_all(YEAR)
    sheet = register.model_cycle(Model.FAMILY).of_subject(home, YEAR)
    return {
        "a model's score sheet": lambda: ModelSheetDialog(register, Model.FAMILY, sheet),
        "a model's registration": lambda: ModelRegisterDialog(register, Model.FAMILY, YEAR, [(home, "Hộ")]),
        "a model's decision": lambda: ModelDecisionDialog(register, Model.FAMILY, YEAR),
        "a model's paper": lambda: ModelPrintDialog(register, Model.FAMILY, YEAR, keeper, None, [(home, "Hộ")]),
        "a new household": lambda: SubjectDialog(register, Model.FAMILY),
        "a new unit": lambda: SubjectDialog(register, Model.UNIT),
        "a household's members": lambda: MembersDialog(register, home),
        "a clan's households": lambda: ClanHouseholdsDialog(register, clan),
        "workplaces to units": lambda: WorkplacesDialog(register),
        "entry form": lambda: CitizenDialog(register.citizens, register.office.villages()),
        "score sheet": lambda: AssessmentDialog(register.enrolments, enrolment, SheetKind.SELF),
        "review sheet": lambda: AssessmentDialog(register.enrolments, enrolment, SheetKind.REVIEW),
        "history": lambda: HistoryDialog(register.citizens, ids[0]),
        "printing": lambda: PrintDialog(register, YEAR, []),
        "roster import": lambda: RosterDialog(register),
        "keys": lambda: KeysDialog(register, keeper),
        "sending": lambda: SendDialog(register, YEAR, keeper),
        "villages": lambda: VillagesDialog(register.office),
        "signer": lambda: OfficeSettingsDialog(register.office),
        "year settings": lambda: YearSettingsDialog(register, YEAR),
        "register a year": lambda: RegisterDialog(register, YEAR),
        "decision": lambda: DecisionDialog(register, YEAR),
        "wizard": lambda: SetupWizard(register.office),
    }


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_dialog_shows_its_primary_action(qtbot, people, size):
    register, ids = people
    for name, make in dialogs(register, ids).items():
        dialog = shown_at(qtbot, make(), size)
        assert_in_view(dialog, primary(dialog)), name
        dialog.close()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_score_sheet_keeps_total_and_save_in_view_while_indicators_scroll(qtbot, people, size):
    register, ids = people
    dialog = shown_at(qtbot, AssessmentDialog(register.enrolments, register.enrolments.of_citizen(ids[-1], YEAR),
                                              SheetKind.SELF), size)
    for widget in (dialog.total, primary(dialog), dialog.note):
        assert_in_view(dialog, widget)
    last = list(dialog.fields.values())[-1]
    last.setFocus()  # the scroll area brings the focused field into view
    QApplication.processEvents()
    assert_in_view(dialog, last)


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_main_window_and_each_tab(qtbot, people, size):
    register, _ = people
    window = shown_at(qtbot, MainWindow(register, YEAR), size)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        page = window.tabs.currentWidget()
        for name in ("search", "table"):
            if hasattr(page, name):
                assert_in_view(window, getattr(page, name))
        if hasattr(page, "search"):  # room to read what was typed, not a sliver beside a long count
            assert page.search.width() >= 250, (i, page.search.width())
        if page is window.recognition:
            assert_in_view(window, page.findChild(QAbstractButton, "primary"))
    window.tabs.setCurrentWidget(window.dashboard)
    window.dashboard.workplaces.setFocus()  # the lower tables are reached by scrolling, not cut off
    QApplication.processEvents()
    assert window.dashboard.workplaces.isVisible()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_upper_levels_window(qtbot, register, size):
    register.office.set_up(OfficeSetup(province_code=68, province_name="Lâm Đồng", commune_code=68,
                                       commune_name="Lâm Đồng", association_name="Hội Khuyến học tỉnh Lâm Đồng",
                                       clerk_name="Trần Văn Bình", upper_level_name="Trung ương Hội Khuyến học Việt Nam",
                                       villages=(), kind="upper"))
    window = shown_at(qtbot, UpperWindow(register, YEAR), size)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert window.tabs.currentWidget().minimumSizeHint().width() <= size[0]


def test_check_certificate_dialog_fits(qtbot, people):
    register, _ = people
    dialog = shown_at(qtbot, CheckCertificateDialog(register), SCREENS[0])
    assert_in_view(dialog, dialog.code)


def test_windows_remember_their_size_and_a_small_screen_opens_maximized(qtbot, people):
    from desktop.ui import geometry

    register, _ = people
    geometry.settings().remove("cua-so-chinh")
    window = MainWindow(register, YEAR)  # 1180×760 by default: larger than the 800×800 offscreen screen
    qtbot.addWidget(window)
    assert window.isMaximized() or window.windowState() & window.windowState().WindowMaximized
    window.showNormal()
    window.resize(780, 520)
    window.close()
    again = MainWindow(register, YEAR)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (780, 520)
