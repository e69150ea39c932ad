"""One year's settings: adults per group (the rates' denominators), the office's own target, whether
the branch review is a separate step, and the criteria set (with import of a province's own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.criteria import CriteriaError
from desktop.domain.groups import CitizenGroup
from desktop.services.desk import Desk
from desktop.services.enrolments import CycleError
from desktop.ui import file_dialogs, messages
from desktop.ui.widgets import ErrorLabel


class YearSettingsDialog(QDialog):
    def __init__(self, register: Desk, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self._year = year
        self.setWindowTitle(f"Thiết lập năm {year}")
        plan = register.enrolments.plan(year)
        population = register.stats.population(year)

        self.adults: dict[CitizenGroup, QSpinBox] = {}
        people = QFormLayout()
        for g in CitizenGroup:
            box = QSpinBox()
            box.setRange(0, 10_000_000)
            box.setGroupSeparatorShown(True)
            box.setSpecialValueText("chưa nhập (tính theo sổ)")
            box.setValue(population.get(g, 0))
            self.adults[g] = box
            people.addRow(f"Nhóm {int(g)} — {g.short_label}:", box)
        people_box = QGroupBox("Số người lớn trong từng nhóm (theo số liệu dân số của xã)")
        people_box.setLayout(people)

        self.own_target = QSpinBox()
        self.own_target.setRange(0, 100)
        self.own_target.setSuffix(" %")
        self.own_target.setSpecialValueText("không đặt")
        self.own_target.setValue(plan.own_target_percent or 0)
        self.review = QCheckBox("Chi hội xét là một bước riêng trước khi đề nghị")
        self.review.setChecked(plan.review_required)
        self.criteria = QComboBox()
        self.criteria.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criteria.setMinimumContentsLength(30)  # a set's long name must not widen the dialog past the screen
        self._fill_sets(plan.criteria_set_id)
        import_button = QPushButton("Nhập bộ tiêu chí từ tệp…")
        import_button.clicked.connect(self.import_set)
        criteria_row = QHBoxLayout()
        criteria_row.addWidget(self.criteria, 1)
        criteria_row.addWidget(import_button)
        plan_form = QFormLayout()
        plan_form.addRow("Chỉ tiêu của đơn vị:", self.own_target)
        plan_form.addRow(self.review)
        plan_form.addRow("Bộ tiêu chí cho người đăng ký mới:", criteria_row)
        plan_box = QGroupBox("Kế hoạch năm")
        plan_box.setLayout(plan_form)

        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        save = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(people_box)
        layout.addWidget(plan_box)
        hint = QLabel("Người đã đăng ký giữ bộ tiêu chí lúc đăng ký; năm cũ giữ bộ tiêu chí của năm đó.")
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill_sets(self, chosen: int) -> None:
        self.criteria.clear()
        for info in self._register.criteria.sets():
            self.criteria.addItem(f"{info.name} ({info.year_from}–{info.year_to}; {info.source})", info.id)
        self.criteria.setCurrentIndex(max(self.criteria.findData(chosen), 0))

    def import_set(self) -> None:
        path = file_dialogs.open_file(self, "criteria", "Chọn tệp bộ tiêu chí", "Bộ tiêu chí (*.json)")
        if path:
            self.import_path(path)

    def import_path(self, path: Path) -> None:
        try:
            info = self._register.criteria.import_file(path)
        except CriteriaError as e:
            self.error.say(f"Không nhập được {path.name}: {e}")
            return
        self.error.say(None)
        self._fill_sets(info.id)
        messages.inform(self, "Đã nhập bộ tiêu chí", f"Đã nhập “{info.name}”.")

    def save(self) -> None:
        try:
            for g, box in self.adults.items():
                self._register.stats.set_population(self._year, g, box.value() or None)
            self._register.enrolments.set_plan(self._year, self.review.isChecked(), self.own_target.value() or None)
            self._register.criteria.choose_for_year(self._year, self.criteria.currentData())
        except (ValueError, CycleError) as e:
            self.error.say(str(e))
            return
        self.accept()
