"""The filter bar the list pages share: search box, village, group (and any extra combo)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop.domain.groups import CitizenGroup
from desktop.services.office import OfficeService

SEARCH_PAUSE_MS = 120


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, office: OfficeService, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = office
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.village = QComboBox()
        self.group = QComboBox()
        self.group.addItem("Tất cả nhóm", None)
        for g in CitizenGroup:
            self.group.addItem(f"Nhóm {int(g)}: {g.short_label}", int(g))
        self.reload_villages()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_PAUSE_MS)
        self.timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _: self.timer.start())
        self.village.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.group.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 3)
        self.row.addWidget(self.village, 1)
        self.row.addWidget(self.group, 1)

    def add_combo(self, combo: QComboBox) -> None:
        combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.row.addWidget(combo, 1)

    def reload_villages(self) -> None:
        current = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem("Tất cả thôn/khu phố", None)
        for v in self._office.villages():
            self.village.addItem(v.name, v.id)
        self.village.setCurrentIndex(max(self.village.findData(current), 0))
        self.village.blockSignals(False)
