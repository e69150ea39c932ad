"""Every button of every dialog, clicked once, each in a freshly built dialog: a slot that raises fails here.

"Tạo khoá…" showed the clerk "Đã xảy ra lỗi … (mã lỗi: TypeError)" because `clicked(bool)` handed its
`checked` to the slot's first parameter; the tests called the slot directly and never noticed. Here the
buttons are found by walking each dialog (never listed by hand) and clicked as a clerk would, twice: once with
every question the click asks answered "Huỷ" (file choosers, passphrase, confirmations, a nested dialog), once
with plausible answers (a passphrase, a folder, a file of the right kind).

An exception raised in a slot reaches `sys.excepthook` (PySide prints it there and returns to Qt); each click
runs inside `qtbot.captureExceptions()`, whose hook records it, so the failure names the dialog and the button
(test_a_slot_that_raises_is_caught proves it). The program's own hook (desktop/ui/safety.py, installed by
desktop/ui/app.py at start) is not installed in tests; were a test to leave it behind, the capture here still
replaces it for the click. A modal window the fakes do not cover would hang the run: a watchdog closes it and
the test fails naming it."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from sqlalchemy import select

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.db.models387 import ModelEnrolment
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.exchange.keys import AGE_RECIPIENT, SIGN_PUBLIC
from desktop.services.demo import fill_demo
from desktop.services.demo_models import fill_demo_model_year, fill_demo_models
from desktop.services.demo_year import fill_demo_year
from desktop.services.desk import Desk
from desktop.services.model_registers import ClanDraft, HouseholdDraft, OrganisationDraft
from desktop.services.office import OfficeSetup
from desktop.ui import messages
from desktop.ui.assessment_dialog import SheetKind
from desktop.ui.passphrase import PassphraseKeeper
from tests.conftest import add
from tests.ui.conftest import PASS

YEAR = 2026

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"


# the registers the dialogs open on ------------------------------------------------------------------------

@dataclass
class Setting:
    """A register in one state, and what the dialogs of the table are opened on."""

    r: Desk
    keeper: PassphraseKeeper
    person: int = 0
    registered: int = 0        # an enrolment only registered (a self-assessment to type)
    recognized: int = 0        # an enrolment recognized by the decision (a correction)
    household: int = 0         # a household of the demo, enrolled for the year
    new_household: int = 0     # one not registered for the year, in a clan
    clan: int = 0
    model_enrolment: int = 0   # a household's enrolment, decided


def commune(r: Desk, key_files: Path, keys: bool) -> Setting:
    r.office.set_up(OfficeSetup(
        province_code=68, province_name="Lâm Đồng", commune_code=23059, commune_name="Xã Hàm Thuận",
        association_name="Hội Khuyến học xã Hàm Thuận", clerk_name="Nguyễn Thị Lan",
        upper_level_name="Hội Khuyến học tỉnh Lâm Đồng", villages=("Thôn Phú Lập", "Thôn Đông", "Khu phố 3")))
    fill_demo(r, 30, seed=5)
    fill_demo_year(r, YEAR, seed=5)
    fill_demo_models(r, seed=5)
    fill_demo_model_year(r, YEAR, seed=5)
    person = add(r, "Nguyễn Văn Mới", birth="1990", occupation="Trạm y tế xã")
    r.enrolments.register_all(YEAR)
    village = r.office.villages()[0].id
    new_household = r.households.save(HouseholdDraft("Hộ Nguyễn Văn Mới", village, person))
    clan = r.clans.save(ClanDraft("Họ Nguyễn (chi trưởng)", "Nguyễn Văn Mới", [new_household]))
    r.organisations.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25, village))
    if keys:
        shutil.copytree(key_files / "xa", r.keys.store.folder)
        r.keys.import_upper(key_files / "tinh" / SIGN_PUBLIC, key_files / "tinh" / AGE_RECIPIENT)

    def first(*statuses: Status) -> int:
        return r.enrolments.page(EnrolmentFilter(YEAR, statuses=tuple(s.value for s in statuses)), 0, 1)[0].id

    with r.db.reader() as s:
        household, model_enrolment = s.execute(
            select(ModelEnrolment.subject_id, ModelEnrolment.id).where(ModelEnrolment.model == Model.FAMILY.value)
            .order_by(ModelEnrolment.id)).first()
    return Setting(r, PassphraseKeeper(), person, first(Status.REGISTERED), first(Status.RECOGNIZED), household,
                   new_household, clan, model_enrolment)


def upper(r: Desk, key_files: Path, keys: bool) -> Setting:
    r.office.set_up(OfficeSetup(
        province_code=68, province_name="Lâm Đồng", commune_code=68, commune_name="Lâm Đồng",
        association_name="Hội Khuyến học tỉnh Lâm Đồng", clerk_name="Trần Văn Bình",
        upper_level_name="Trung ương Hội Khuyến học Việt Nam", villages=(), kind="upper"))
    if keys:
        shutil.copytree(key_files / "tinh", r.keys.store.folder)
        r.keys.register(23059, "Hội Khuyến học xã Hàm Thuận", key_files / "xa" / SIGN_PUBLIC)
    return Setting(r, PassphraseKeeper())


def nothing(r: Desk, key_files: Path, keys: bool) -> Setting:
    return Setting(r, PassphraseKeeper())  # a first start: no office yet


# the dialogs: one line each; a constructor that changes is changed here ------------------------------------

@dataclass(frozen=True)
class Case:
    name: str       # the dialog's class in desktop/ui (found by name, whichever file holds it)
    office: Callable[[Desk, Path, bool], Setting]
    keys: bool      # the office has its keys, and the other side's
    make: Callable[[type, Setting], QDialog]   # (the class, the setting) -> a dialog
    variant: str = ""  # what tells two lines of one dialog apart

    @property
    def id(self) -> str:
        return f"{self.name}-{self.office.__name__}{'-khoa' if self.keys else ''}" + \
            (f"-{self.variant}" if self.variant else "")

    def build(self, setting: Setting) -> QDialog:
        return self.make(dialog_class(self.name), setting)


CASES = [
    Case("SetupWizard", nothing, False, lambda d, s: d(s.r.office, keys=s.r.keys, restore=lambda parent: False)),
    Case("CitizenDialog", commune, False, lambda d, s: d(s.r.citizens, s.r.office.villages()), "moi"),
    Case("CitizenDialog", commune, False, lambda d, s: d(s.r.citizens, s.r.office.villages(), s.person), "sua"),
    Case("HistoryDialog", commune, False, lambda d, s: d(s.r.citizens, s.person)),
    Case("AssessmentDialog", commune, False, lambda d, s: d(s.r.enrolments, s.registered, SheetKind.SELF), "tu"),
    Case("AssessmentDialog", commune, False, lambda d, s: d(s.r.enrolments, s.registered, SheetKind.REVIEW),
         "chi-hoi"),
    Case("AssessmentDialog", commune, False, lambda d, s: d(s.r.enrolments, s.recognized, SheetKind.CORRECTION),
         "dinh-chinh"),
    Case("RegisterDialog", commune, False, lambda d, s: d(s.r, YEAR)),
    Case("DecisionDialog", commune, False, lambda d, s: d(s.r, YEAR)),
    Case("YearSettingsDialog", commune, False, lambda d, s: d(s.r, YEAR)),
    Case("RosterDialog", commune, False, lambda d, s: d(s.r)),
    Case("VillagesDialog", commune, False, lambda d, s: d(s.r.office)),
    Case("OfficeSettingsDialog", commune, False, lambda d, s: d(s.r.office)),
    Case("PrintDialog", commune, True, lambda d, s: d(s.r, YEAR, [(s.recognized, "Một người")], keeper=s.keeper)),
    Case("KeysDialog", commune, False, lambda d, s: d(s.r, s.keeper)),
    Case("KeysDialog", commune, True, lambda d, s: d(s.r, s.keeper)),
    Case("KeysDialog", upper, False, lambda d, s: d(s.r, s.keeper)),
    Case("KeysDialog", upper, True, lambda d, s: d(s.r, s.keeper)),
    Case("RegisterKeyDialog", upper, True, lambda d, s: d()),
    Case("SendDialog", commune, False, lambda d, s: d(s.r, YEAR, s.keeper)),
    Case("SendDialog", commune, True, lambda d, s: d(s.r, YEAR, s.keeper)),
    Case("SendDialog", upper, True, lambda d, s: d(s.r, YEAR, s.keeper)),
    Case("CheckCertificateDialog", commune, True, lambda d, s: d(s.r)),
    Case("CheckCertificateDialog", upper, True, lambda d, s: d(s.r)),
    # the learning models' dialogs
    Case("ModelSheetDialog", commune, False, lambda d, s: d(s.r, Model.FAMILY, s.model_enrolment)),
    Case("ModelRegisterDialog", commune, False, lambda d, s: d(s.r, Model.FAMILY, YEAR, []), "ca-xa"),
    Case("ModelRegisterDialog", commune, False,
         lambda d, s: d(s.r, Model.FAMILY, YEAR, [(s.new_household, "Hộ Nguyễn Văn Mới")]), "dang-chon"),
    Case("ModelDecisionDialog", commune, False, lambda d, s: d(s.r, Model.FAMILY, YEAR)),
    *[Case("SubjectDialog", commune, False, lambda d, s, m=m: d(s.r, m), m.value) for m in Model],
    Case("MembersDialog", commune, False, lambda d, s: d(s.r, s.household)),
    Case("ClanHouseholdsDialog", commune, False, lambda d, s: d(s.r, s.clan)),
    Case("WorkplacesDialog", commune, False, lambda d, s: d(s.r)),
    Case("ModelPrintDialog", commune, True, lambda d, s: d(s.r, Model.FAMILY, YEAR, s.keeper)),
]


@cache
def classes() -> list[tuple[str, str, list[str]]]:
    """(module, class, names of its bases) of every class defined in desktop/ui."""
    return [(path.stem, node.name, [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                                    for b in node.bases])
            for path in sorted(UI.glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.ClassDef)]


def dialog_class(name: str) -> type:
    """A dialog class of desktop/ui by its name, wherever it lives now (files are split and joined)."""
    [module] = [m for m, n, _ in classes() if n == name]
    return getattr(import_module(f"desktop.ui.{module}"), name)


def test_the_table_has_every_dialog():
    """A dialog class added to desktop/ui (a QDialog or QWizard, directly or through another) and left out of
    CASES fails here; a base shared by dialogs of the table, like the score sheet's, is covered by them."""
    bases = {n: b for _, n, b in classes()}
    dialogs, known = set(), {"QDialog", "QWizard"}
    while new := {n for n, b in bases.items() if n not in dialogs and known & set(b)}:
        dialogs |= new
        known |= new
    covered = {c.name for c in CASES}
    while more := {b for n in covered for b in bases.get(n, [])} - covered:
        covered |= more
    missing = sorted(dialogs - covered)
    assert not missing, f"dialogs no test clicks through: {missing} (add a line to CASES)"


# what a click may ask: answered by fakes --------------------------------------------------------------------

@dataclass
class Answers:
    """How the fakes answer: `plausible` False says "Huỷ" to everything."""

    plausible: bool
    folder: Path
    files: dict[str, Path]     # a file to choose, by the extension the chooser asks for
    asked: list[str] = field(default_factory=list)

    def text(self, parent, title, label, echo=QLineEdit.EchoMode.Normal, text="", *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"hỏi: {title}")
        if not self.plausible:
            return "", False
        return (PASS if echo == QLineEdit.EchoMode.Password else "Thôn Bến Đò"), True

    def item(self, parent, title, label, items, current=0, *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"chọn: {title}")
        return (list(items)[current], True) if self.plausible and items else ("", False)

    def number(self, parent, title, label, value=0, *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"số: {title}")
        return (value, self.plausible)

    def open_file(self, parent, caption="", folder="", pattern="", *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"mở tệp: {caption}")
        if not self.plausible:
            return "", ""
        if ".pub" in pattern:
            return str(self.files["giai-ma.pub" if "mã hoá" in caption else "ky-so.pub"]), pattern
        ext = next((e for e in self.files if e.startswith(".") and f"*{e}" in pattern), None)
        return (str(self.files[ext]), pattern) if ext else ("", "")

    def open_files(self, parent, caption="", folder="", pattern="", *a, **k):  # noqa: ANN001, ANN002, ANN003
        name, chosen = self.open_file(parent, caption, folder, pattern)
        return ([name] if name else []), chosen

    def save_file(self, parent, caption="", suggested="", pattern="", *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"lưu tệp: {caption}")
        if not self.plausible:
            return "", ""
        return str(self.folder / (Path(suggested).name or "tep")), pattern

    def directory(self, parent, caption="", folder="", *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"thư mục: {caption}")
        return str(self.folder) if self.plausible else ""

    def said(self, parent, title, text, *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"báo: {title}")

    def confirm(self, parent, title, text, *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append(f"hỏi lại: {title}")
        return self.plausible

    def passphrase(self, keeper, parent, why, *a, **k):  # noqa: ANN001, ANN002, ANN003
        self.asked.append("mật khẩu khoá")
        return keeper.value or (PASS if self.plausible else None)

    def nested(self, dialog) -> int:  # noqa: ANN001 - a dialog opened from the one under test
        self.asked.append(f"hộp thoại: {dialog.windowTitle()}")
        ours = type(dialog).__module__.startswith("desktop.")
        return QDialog.DialogCode.Accepted if self.plausible and ours else QDialog.DialogCode.Rejected

    def box(self, *a, **k) -> QMessageBox.StandardButton:  # noqa: ANN002, ANN003
        self.asked.append("hộp thông báo của Qt")
        return QMessageBox.StandardButton.Cancel


@pytest.fixture
def answers(monkeypatch, tmp_path, key_files) -> Answers:
    folder = tmp_path / "ra"
    folder.mkdir()
    files = {"ky-so.pub": key_files / "xa" / SIGN_PUBLIC, "giai-ma.pub": key_files / "tinh" / AGE_RECIPIENT,
             ".json": Path(__file__).resolve().parents[2] / "resources" / "criteria" / "khung-2023.json"}
    for ext in (".xlsx", ".zip", ".age"):  # not what they claim to be: the window must say so in words
        files[ext] = tmp_path / f"khong-phai{ext}"
        files[ext].write_bytes(b"day khong phai tep that")
    a = Answers(False, folder, files)
    monkeypatch.setattr(QInputDialog, "getText", a.text)
    monkeypatch.setattr(QInputDialog, "getItem", a.item)
    monkeypatch.setattr(QInputDialog, "getInt", a.number)
    monkeypatch.setattr(QInputDialog, "getDouble", a.number)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", a.text)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", a.open_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", a.open_files)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", a.save_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", a.directory)
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, a.box)
    monkeypatch.setattr(messages, "inform", a.said)
    monkeypatch.setattr(messages, "warn", a.said)
    monkeypatch.setattr(messages, "confirm", a.confirm)
    monkeypatch.setattr(PassphraseKeeper, "get", lambda keeper, parent, why, *x, **k: a.passphrase(keeper, parent, why))
    for kind in (QDialog, QPrintDialog, QPageSetupDialog):
        monkeypatch.setattr(kind, "exec", lambda dialog, *x: a.nested(dialog))
        monkeypatch.setattr(kind, "exec_", lambda dialog, *x: a.nested(dialog))
    return a


@contextmanager
def watchdog(seen: list[str]) -> Iterator[None]:
    """A modal window no fake answers would wait for a click for ever: closed, and named in `seen`."""
    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            seen.append(f"{type(modal).__name__} “{modal.windowTitle()}”")
            modal.close()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(200)
    try:
        yield
    finally:
        timer.stop()


def buttons_of(dialog: QDialog) -> list[QAbstractButton]:
    """The buttons a clerk can press in the dialog itself (not in a progress window it holds, hidden)."""
    return [b for b in dialog.findChildren(QAbstractButton)
            if b.window() is dialog and b.isVisibleTo(dialog) and b.isEnabled()]


def label(button: QAbstractButton) -> str:
    return f"“{button.text()}”" if button.text() else f"{type(button).__name__} {button.objectName()}".strip()


def keyed(buttons: list[QAbstractButton]) -> dict[str, QAbstractButton]:
    """The buttons by their label (a second of one label numbered): the same button in a dialog built again."""
    out: dict[str, QAbstractButton] = {}
    for b in buttons:
        name = label(b)
        out[name if name not in out else f"{name} #{sum(k.startswith(name) for k in out) + 1}"] = b
    return out


def settle(qtbot, dialog: QDialog) -> None:  # noqa: ANN001
    """Work a click started in the background ends before the dialog goes."""
    from desktop.ui.worker import Background

    qtbot.waitUntil(lambda: not any(j.running for j in dialog.findChildren(Background)), timeout=20_000)
    QApplication.processEvents()


@contextmanager
def shown(case: Case, setting: Setting) -> Iterator[QDialog]:
    dialog = case.build(setting)
    dialog.show()
    try:
        yield dialog
    finally:
        dialog.done(QDialog.DialogCode.Rejected)  # not reject(): a form with typed data would ask first
        dialog.deleteLater()
        QApplication.processEvents()


def click_each(qtbot, case: Case, setting: Setting, answers: Answers) -> list[str]:  # noqa: ANN001
    """Each enabled button once, each in a dialog built afresh; what went wrong, in words. A button an earlier
    click disabled (a register already made, keys already created) is not pressed again."""
    with shown(case, setting) as first:
        names = list(keyed(buttons_of(first)))
    assert names, f"{case.id}: no button found"
    faults: list[str] = []
    how = "trả lời hợp lý" if answers.plausible else "bấm Huỷ"
    for name in names:
        with shown(case, setting) as dialog:
            if answers.plausible:  # as a clerk would, a row chosen in each list first (Đổi tên, Bỏ khỏi hộ…)
                for view in dialog.findChildren(QAbstractItemView):
                    if view.model() is not None and view.model().rowCount() > 0:
                        view.setCurrentIndex(view.model().index(0, 0))
            button = keyed(buttons_of(dialog)).get(name)
            if button is None:
                continue
            modal: list[str] = []
            with qtbot.captureExceptions() as raised, watchdog(modal):
                button.click()
                settle(qtbot, dialog)
            faults += [f"{case.id} ({how}), nút {name}: {kind.__name__}: {error}" for kind, error, _ in raised]
            faults += [f"{case.id} ({how}), nút {name}: một cửa sổ chờ bấm mà không có giả lập: {m}" for m in modal]
    return faults


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_button_of_the_dialog(qtbot, register, key_files, answers, case):
    setting = case.office(register, key_files, case.keys)
    faults = click_each(qtbot, case, setting, answers)
    answers.plausible = True
    faults += click_each(qtbot, case, setting, answers)
    assert not faults, "\n".join(faults)


# what the loop above proves, shown once ---------------------------------------------------------------------

def test_creating_keys_from_the_window(qtbot, register, key_files, answers):
    """Tạo khoá… with a passphrase typed twice: the office has its keys, the button is spent, and the
    passphrase is kept for the session."""
    from desktop.ui.keys_dialog import KeysDialog

    setting = commune(register, key_files, keys=False)
    dialog = KeysDialog(register, setting.keeper)
    qtbot.addWidget(dialog)
    dialog.show()
    [create] = [b for b in buttons_of(dialog) if b.text() == "Tạo khoá…"]
    with qtbot.captureExceptions() as raised:
        create.click()  # "Huỷ" at the first question: nothing made
    assert not raised and not register.keys.store.exists() and answers.asked == ["hỏi: Tạo khoá"]
    answers.plausible = True
    with qtbot.captureExceptions() as raised:
        create.click()
    assert not raised, raised
    assert register.keys.store.exists() and register.keys.store.signer(PASS) is not None
    assert not create.isEnabled() and register.keys.public().fingerprint in dialog.own.text()
    assert setting.keeper.value == PASS


def test_a_slot_that_raises_is_caught(qtbot, monkeypatch, tmp_path):
    """The check the loop relies on: a slot taking clicked(bool)'s `checked` where it wanted no argument
    raises, and the capture around the click sees it, even with the program's own hook installed (which, left
    alone, turns it into the clerk's "Đã xảy ra lỗi" box, and a test would pass)."""
    import sys

    from desktop.ui import safety

    class Broken(QDialog):
        def __init__(self) -> None:
            super().__init__()
            button = QPushButton("Tạo khoá…", self)
            button.clicked.connect(self.create)

        def create(self, passphrase: str | None = None) -> None:
            if passphrase is not None:
                raise TypeError(f"a passphrase of type {type(passphrase).__name__}")

    boxes: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: boxes.append(title))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    safety.install_crash_dialog(tmp_path / "nhat-ky.txt")
    dialog = Broken()
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.captureExceptions() as raised:
        buttons_of(dialog)[0].click()
    assert [(k, str(e)) for k, e, _ in raised] == [(TypeError, "a passphrase of type bool")] and boxes == []


def test_a_modal_window_no_fake_answers_is_closed_and_named(qtbot):
    """The watchdog: a question the fakes do not cover (here Qt's colour chooser) would wait for a click for
    ever; it is closed, and the loop names it as a fault."""
    from PySide6.QtWidgets import QColorDialog

    class Asking(QDialog):
        def __init__(self) -> None:
            super().__init__()
            QPushButton("Chọn màu…", self).clicked.connect(lambda: QColorDialog.getColor(parent=self, title="Màu"))

    dialog = Asking()
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    with watchdog(seen):
        buttons_of(dialog)[0].click()
    assert seen == ["QColorDialog “Màu”"]
