"""A learning model's year in dialogs: its score sheet (the citizens' sheet, desktop/ui/score_sheet.py, on the
model's criteria), registration of one, a chosen set or all (the count said first), the decision, and its
paper for the chosen or for the year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.models387 import Model
from desktop.domain.numbers import vn_int
from desktop.domain.scoring import judge
from desktop.exchange.keys import KeyError_
from desktop.services.desk import Desk
from desktop.services.model_cycle import ModelCycleError
from desktop.services.model_printing import ModelPrinting
from desktop.services.printing import DocumentKind, PrintError
from desktop.services.safe_write import atomic_file
from desktop.ui import file_dialogs
from desktop.ui.geometry import fit
from desktop.ui.model_subjects import AsksBeforeDropping, with_save
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.score_sheet import ScoreSheetDialog, SheetKind, SheetLine, SheetSpec, kind_for, saver
from desktop.ui.widgets import ErrorLabel, FoldingComboBox, parse_date


class ModelSheetDialog(ScoreSheetDialog):
    """A household's (clan's, village's, unit's) sheet: before the branch's review the self-assessment, after
    it the branch's own scores, after the decision a correction with its reason."""

    def __init__(self, register: Desk, model: Model, enrolment_id: int, parent: QWidget | None = None,
                 kind: SheetKind | None = None) -> None:
        cycle = register.model_cycle(model)
        sheet = cycle.sheet(enrolment_id)
        kind = kind or kind_for(sheet.status) or SheetKind.SELF
        cs = sheet.criteria

        musts = [c.code for c in cs.criteria if c.min_points]
        head = (f"<b>{sheet.name}</b>" + (f", {sheet.where}" if sheet.where else "") + f" — {model.title} năm "
                f"{sheet.year}<br><span style='color:#555'>{cs.name}. Đạt khi "
                f"tổng từ {cs.pass_rule.min_total} điểm" + (f" và các tiêu chí {', '.join(musts)} đạt đủ điểm ghi "
                                                            "bên cạnh" if musts else "") + ".</span>")
        start = sheet.review_scores if kind is not SheetKind.SELF and sheet.review_scores else sheet.self_scores
        super().__init__(SheetSpec(
            f"{kind.value} — {sheet.name}", head,
            [SheetLine(c.code, c.text, c.max_points, min_points=c.min_points) for c in cs.criteria], start,
            lambda scores: judge(cs.criteria, cs.pass_rule, scores, noun="tiêu chí"),
            saver(cycle, enrolment_id, kind, sheet.version), sheet.name, kind,
            note=sheet.review_note if kind is SheetKind.REVIEW else "", noun="Tiêu chí",
            prefilled="Điểm tự đánh giá đã điền sẵn: giữ nguyên để xác nhận, sửa ô nào thì gõ đè."
            if kind is SheetKind.REVIEW and sheet.self_scores else "",
            refusals=(ModelCycleError,), geometry="phieu-mo-hinh"), parent)


class ModelRegisterDialog(QDialog):
    """Registering for the year: the rows chosen on the page, or every one not yet registered — the count said
    before anything is written."""

    def __init__(self, register: Desk, model: Model, year: int, chosen: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        """`chosen`: (id, name) of the chosen rows not yet registered for the year."""
        super().__init__(parent)
        self._cycle, self._model, self._year, self._chosen = register.model_cycle(model), model, year, chosen
        self.registered = 0
        self.setWindowTitle(f"Đăng ký {model.title} năm {year}")
        fit(self, f"dang-ky-{model.slug}", 520, 220)
        everyone = self._cycle.unregistered(year)
        one = chosen[0][1] if len(chosen) == 1 else f"{vn_int(len(chosen))} {model.unit} đang chọn"
        self.only_chosen = QRadioButton(f"&Chỉ {one}" if chosen else "Chưa chọn dòng nào chưa đăng ký")
        self.only_chosen.setEnabled(bool(chosen))
        self.everyone = QRadioButton(f"&Tất cả {vn_int(everyone)} {model.unit} chưa đăng ký năm {year}")
        self.everyone.setEnabled(everyone > 0)
        (self.only_chosen if chosen else self.everyone).setChecked(True)
        today = date.today()
        self.on = QLineEdit((today if today.year == year else date(year, 1, 15)).strftime("%d/%m/%Y"))
        form = QFormLayout()
        form.addRow(self.only_chosen)
        form.addRow(self.everyone)
        form.addRow("Ngày đăng ký:", self.on)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        run = buttons.addButton("Đăng ký", QDialogButtonBox.ButtonRole.AcceptRole)
        run.setObjectName("primary")
        run.setDefault(True)
        run.clicked.connect(lambda: self.run())
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(lambda: self.reject())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.only_chosen if chosen else self.everyone).setFocus()

    def run(self) -> None:
        try:
            on = parse_date(self.on.text())
            ids = [sid for sid, _ in self._chosen] if self.only_chosen.isChecked() else None
            self.registered = self._cycle.register_all(self._year, ids, on)
        except (ValueError, ModelCycleError) as e:
            self.error.say(str(e))
            return
        self.accept()


class ModelDecisionDialog(AsksBeforeDropping):
    def __init__(self, register: Desk, model: Model, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cycle = register.model_cycle(model)
        self._year = year
        self.recognized = 0
        info = register.office.info()
        self.setWindowTitle(f"Quyết định công nhận {model.title} năm {year}")
        fit(self, "quyet-dinh-mo-hinh", 520, 220)
        self.number = QLineEdit()
        self.number.setPlaceholderText(f"ví dụ 12/{info.decision_symbol if info else 'QĐ-HKH'}")
        self.signed_on = QLineEdit(date.today().strftime("%d/%m/%Y"))
        self.signer = QLineEdit(info.signer_name if info else "")
        self.title = QLineEdit(info.signer_title if info else "")
        form = QFormLayout()
        for label, w in (("Số quyết định:", self.number), ("Ngày ký (dd/mm/yyyy):", self.signed_on),
                         ("Người ký:", self.signer), ("Chức vụ:", self.title)):
            form.addRow(label, w)
        self.error = ErrorLabel()
        with_save(self, QLabel(f"Mọi {model.unit} trong danh sách đề nghị được công nhận; {model.unit} đã chấm đủ mà "
                               "chưa đạt được ghi “không được công nhận” kèm lý do."), form)
        self.number.setFocus()

    def _unsaved(self) -> bool:
        return bool(self.number.text().strip())

    def save(self) -> None:
        try:
            signed_on = parse_date(self.signed_on.text())
        except ValueError as e:
            self.error.say(f"Ngày ký: {e} Ví dụ 25/11/2026.")
            self.signed_on.setFocus()
            return
        try:
            self.recognized = self._cycle.record_decision(self._year, self.number.text(), signed_on,
                                                          self.signer.text(), self.title.text())
        except ModelCycleError as e:
            self.error.say(str(e))
            return
        self.accept()


class ModelPrintDialog(QDialog):
    """A model's paper saved as a PDF: registration forms, score sheets and certificates for the rows chosen on
    the page or for the whole year; the proposal list and the decision with its annex. Certificates carry a
    signed QR code when the office has keys."""

    KINDS = (DocumentKind.REGISTRATION, DocumentKind.ASSESSMENT_SHEET, DocumentKind.PROPOSAL, DocumentKind.DECISION,
             DocumentKind.CERTIFICATE)
    PER_SUBJECT = {DocumentKind.REGISTRATION, DocumentKind.ASSESSMENT_SHEET, DocumentKind.CERTIFICATE}

    def __init__(self, register: Desk, model: Model, year: int, keeper: PassphraseKeeper,
                 parent: QWidget | None = None, chosen: list[tuple[int, str]] | None = None) -> None:
        """`chosen`: (id, name) of the rows chosen on the page."""
        super().__init__(parent)
        self._r, self._model, self._year, self._keeper = register, model, year, keeper
        self._chosen = chosen or []
        self.saved_path: Path | None = None
        self.setWindowTitle(f"In giấy tờ {model.title} năm {year}")
        fit(self, "in-mo-hinh", 520, 220)
        self.kind = FoldingComboBox()
        for k in self.KINDS:
            self.kind.addItem(k.label, k.value)
        chosen_text = (f"Chỉ {self._chosen[0][1]}" if len(self._chosen) == 1
                       else f"Chỉ {vn_int(len(self._chosen))} {model.unit} đang chọn")
        self.only_chosen = QCheckBox(chosen_text if self._chosen else "Cả năm (chưa chọn dòng nào)")
        self.only_chosen.setChecked(bool(self._chosen))  # a row chosen and Print: that one's paper
        self.only_chosen.setEnabled(bool(self._chosen))
        self.sign = QCheckBox("Ký mã QR kiểm tra trên giấy công nhận (cần mật khẩu khoá)")
        self.sign.setChecked(register.keys.store.exists())
        self.sign.setEnabled(register.keys.store.exists())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Lưu thành PDF…")
        self.save_button.setDefault(True)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(lambda: self.choose_file())
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        form = QFormLayout()
        form.addRow("Giấy tờ:", self.kind)
        form.addRow("", self.only_chosen)
        form.addRow("", self.sign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(lambda: self.reject())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._kind_changed()
        self.kind.setFocus()

    def choose(self, kind: DocumentKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = DocumentKind(self.kind.currentData())
        self.only_chosen.setEnabled(bool(self._chosen) and kind in self.PER_SUBJECT)
        self.sign.setVisible(kind is DocumentKind.CERTIFICATE)

    def default_name(self) -> str:
        kind = DocumentKind(self.kind.currentData())
        return f"{kind.value}-{self._model.slug}-{self._year}.pdf"

    def choose_file(self) -> None:
        path = file_dialogs.save_file(self, "pdf", "Lưu thành PDF", self.default_name(), "PDF (*.pdf)")
        if path:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        kind = DocumentKind(self.kind.currentData())
        ids = [sid for sid, _ in self._chosen] if self.only_chosen.isEnabled() and self.only_chosen.isChecked() \
            else None
        secret = None
        if kind is DocumentKind.CERTIFICATE and self.sign.isChecked():
            secret = self._keeper.get(self, "Ký mã QR trên giấy công nhận.")
            if secret is None:
                return False
        try:
            with atomic_file(path) as out:
                printed = ModelPrinting(self._r).render(kind, self._model, self._year, out, secret, ids)
        except (PrintError, KeyError_) as e:
            if isinstance(e, KeyError_):
                self._keeper.forget()
            self.status.setText(str(e))
            return False
        except OSError as e:
            self.status.setText(f"Không ghi được {path}: {e.strerror or e}")
            return False
        if secret:
            self._keeper.keep(secret)
        self.saved_path = path
        self.status.setText(f"Đã lưu {printed.title.lower()} ({printed.items} trang) vào {path}.")
        return True
