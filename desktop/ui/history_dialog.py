"""A person's history: every change the audit recorded, oldest first."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.citizens import CitizenService
from desktop.ui.geometry import fit
from desktop.ui.messages import translate_buttons


class HistoryDialog(QDialog):
    def __init__(self, citizens: CitizenService, citizen_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        record = citizens.get(citizen_id)
        self.setWindowTitle(f"Lịch sử thay đổi — {record.draft.full_name}")
        fit(self, "lich-su", 860, 440)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Thời gian", "Người thực hiện", "Nội dung"])
        for line in citizens.history(citizen_id):
            item = QTreeWidgetItem([line.at_local, line.actor, line.summary])
            for detail in line.details:
                item.addChild(QTreeWidgetItem(["", "", detail]))
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)  # dd/mm/yyyy hh:mm whole, whatever the font
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 12)
        self.tree.resizeColumnToContents(1)
        state = "Đã xoá khỏi sổ" + (f" (lý do: {record.deleted_reason})" if record.deleted_reason else "") \
            if record.deleted else "Đang có trong sổ"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("primary")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        d = record.draft
        who = f"<b>{html.escape(d.full_name)}</b>, sinh {d.birth}" + (f", CCCD {d.cccd}" if d.cccd else "")
        layout.addWidget(QLabel(f"{who} — {html.escape(record.village_name)} — {html.escape(state)}"))
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
