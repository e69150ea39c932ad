"""The upper level's area: per office and per group (recognized / everyone in the group / rate), the
area's totals against the targets with a chart, and the people counted in two communes."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model
from desktop.domain.numbers import vn_int, vn_percent
from desktop.services.desk import Desk
from desktop.services.safe_write import write_atomically
from desktop.services.year_stats import NATIONAL_TARGETS
from desktop.ui import file_dialogs
from desktop.ui.exchange_pages import _fill, _table
from desktop.ui.widgets import scrolling_layout, show_all_rows


def _office_headers() -> list[str]:
    return ["Xã, phường", "Lần gửi", *[f"Nhóm {int(g)}: công nhận / tổng / tỉ lệ" for g in CitizenGroup], "Cả đơn vị"]


def _rate(recognized: int, total: int) -> float | None:
    return recognized / total if total else None


class AreaPage(QWidget):
    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._r = register
        register.area.define_groups()  # the groups the received packages name, before the tables are laid out
        self.year = year
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        export = QPushButton("Xuất Excel…")
        export.clicked.connect(self.export)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(export)
        self.groups = _table(["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký",
                              "Đã chấm điểm", "Mục tiêu 2025", "Mục tiêu 2030"])
        self.offices = _table(_office_headers())
        self.models = _table(["Mô hình học tập", "Được công nhận", "Tổng số", "Tỉ lệ", "Đã đăng ký", "Mục tiêu 2025"])
        self.duplicates = _table(["Số CCCD", "Có tên ở"])
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(220)
        self.offices.setMinimumHeight(180)
        self.duplicates.setMinimumHeight(120)
        layout = scrolling_layout(self, 760)
        layout.addLayout(head)
        layout.addWidget(self.groups)
        layout.addWidget(self.chart, 2)
        layout.addWidget(QLabel("<b>Các mô hình học tập của địa bàn (Chương trình 387)</b>"))
        layout.addWidget(self.models)
        layout.addWidget(QLabel("<b>Theo xã, phường</b>"))
        layout.addWidget(self.offices, 3)
        layout.addWidget(QLabel("<b>Người có tên ở hai đơn vị (cùng số CCCD) — cần liên hệ xã để xử lý</b>"))
        layout.addWidget(self.duplicates, 1)
        if load:
            self.refresh()

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        report = self._r.area.report(self.year)
        self.report = report
        self.title.setText(f"Tổng hợp địa bàn năm {self.year}: {len(report.offices)} đơn vị đã gửi")
        rows = []
        for g in CitizenGroup:
            f = report.groups[int(g)]
            rate = _rate(f["recognized"], f["total"])
            rows.append([g.short_label, vn_int(f["recognized"]), vn_int(f["total"]), vn_percent(rate),
                         vn_int(f["registered"]), vn_int(f["assessed"]),
                         *[_mark(rate, NATIONAL_TARGETS[m][g.target_kind]) for m in (2025, 2030)]])
        t = report.total
        rows.append(["Toàn địa bàn", vn_int(t["recognized"]), vn_int(t["total"]), vn_percent(_rate(t["recognized"],
                     t["total"])), vn_int(t["registered"]), vn_int(t["assessed"]), "", ""])
        _fill(self.groups, rows, numbers_from=1)
        show_all_rows(self.groups)
        headers = _office_headers()  # a package just received may name a group the area had not seen
        self.offices.setColumnCount(len(headers))
        self.offices.setHorizontalHeaderLabels(headers)
        _fill(self.offices, [[o.label, str(o.sequence),
                              *[_cell(next((x for x in o.groups if x["group"] == int(g)), None)) for g in CitizenGroup],
                              _cell(o.total)] for o in report.offices], numbers_from=1)
        _fill(self.models, [[Model(m).title, vn_int(f["recognized"]), vn_int(f["total"]),
                             vn_percent(_rate(f["recognized"], f["total"])), vn_int(f["registered"]),
                             _mark(_rate(f["recognized"], f["total"]), Model(m).target_2025)]
                            for m, f in report.models.items()], numbers_from=1)
        show_all_rows(self.models)
        _fill(self.duplicates, [[d.cccd, "; ".join(f"{office}: {name} ({birth})" for office, name, birth in d.places)]
                                for d in self._r.area.duplicates(self.year)])
        self._chart(report)

    def _chart(self, report) -> None:  # noqa: ANN001
        chart = QChart()
        chart.setTitle(f"Tỉ lệ được công nhận của địa bàn năm {self.year} so với mục tiêu (%)")
        series = QBarSeries()
        rate = QBarSet("Tỉ lệ được công nhận")
        rate.append([round((_rate(report.groups[int(g)]["recognized"], report.groups[int(g)]["total"]) or 0) * 100, 1)
                     for g in CitizenGroup])
        series.append(rate)
        for m in (2025, 2030):
            target = QBarSet(f"Mục tiêu {m}")
            target.append([NATIONAL_TARGETS[m][g.target_kind] for g in CitizenGroup])
            series.append(target)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([g.short_label.split(",")[0] for g in CitizenGroup])
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.chart.setChart(chart)

    def export(self) -> None:
        path = file_dialogs.save_file(self, "excel-out", "Xuất tổng hợp địa bàn", f"dia-ban-{self.year}.xlsx",
                                      "Excel (*.xlsx)")
        if path:
            write_atomically(path, self._r.area.workbook(self.year))


def _cell(f: dict | None) -> str:
    if not f:
        return "–"
    return f"{vn_int(f['recognized'])} / {vn_int(f['total'])} / {vn_percent(_rate(f['recognized'], f['total']))}"


def _mark(rate: float | None, percent: int) -> str:
    return f"{percent}% — {'đạt' if rate is not None and rate * 100 >= percent else 'chưa đạt'}"
