"""The year at a glance: the province's table per group, per village, workplaces, and a bar chart of
the recognition rate against the national targets and the office's own."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.domain.numbers import vn_int, vn_percent
from desktop.services.desk import Desk
from desktop.services.year_stats import GroupLine, Line, YearStats
from desktop.ui.widgets import scrolling_layout, show_all_rows
from desktop.ui.year_settings_dialog import YearSettingsDialog

GROUP_HEADERS = ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký (trừ người rút tên)",
                 "Đã chấm điểm", "Tỉ lệ trên số đăng ký",
                 "Mục tiêu 2025", "Mục tiêu 2030", "Chỉ tiêu đơn vị"]
VILLAGE_HEADERS = ["Thôn/khu phố", "Được công nhận", "Số người lớn", "Tỉ lệ", "Đã đăng ký", "Đã chấm điểm",
                   "Tỉ lệ trên số đăng ký"]
MODEL_HEADERS = ["Mô hình học tập (Chương trình 387)", "Được công nhận", "Tổng số", "Tỉ lệ", "Đã đăng ký",
                 "Tỉ lệ trên số đăng ký", "Mục tiêu 2025", "Chỉ tiêu 2030 của đơn vị"]
MEASURE_HEADERS = ["Tỉ lệ theo Quyết định 677", "Số người", "Trên tổng số", "Tỉ lệ", "Mục tiêu 2025", "Mục tiêu 2030"]
WORKPLACE_HEADERS = ["Nơi làm việc (cán bộ, công chức)", "Trong sổ", "Được công nhận", "Tỉ lệ", "So với chỉ tiêu"]


class DashboardPage(QWidget):
    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._register = register
        self.year = year
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        settings = QPushButton("Số người lớn, chỉ tiêu, bộ tiêu chí của năm…")
        settings.clicked.connect(self.edit_settings)
        self.groups = _table(GROUP_HEADERS)
        self.villages = _table(VILLAGE_HEADERS)
        self.workplaces = _table(WORKPLACE_HEADERS)
        self.models = _table(MODEL_HEADERS)
        self.measures = _table(MEASURE_HEADERS)
        self.measures_note = QLabel()
        self.measures_note.setWordWrap(True)
        self.measures_note.setStyleSheet("color: #555;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(260)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(settings)
        lower = QHBoxLayout()
        lower.addWidget(self.villages, 3)
        lower.addWidget(self.workplaces, 2)
        for table in (self.villages, self.workplaces):
            table.setMinimumHeight(180)
        layout = scrolling_layout(self, 720)
        layout.addLayout(head)
        layout.addWidget(self.groups)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.models)
        layout.addWidget(self.measures)
        layout.addWidget(self.measures_note)
        layout.addLayout(lower, 2)
        if load:
            self.refresh()

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def edit_settings(self) -> None:
        YearSettingsDialog(self._register, self.year, self).exec()
        self.refresh()

    def refresh(self) -> None:
        stats = self._register.stats.compute(self.year)
        self.stats = stats
        self.title.setText(f"Tổng hợp năm {self.year}")
        own = stats.own_target_percent
        rows = [[*self._line(g), _target(g, stats, 2025), _target(g, stats, 2030),
                 "" if own is None else _mark(g.rate, own)] for g in stats.groups]
        rows.append([*self._line(stats.total), "", "", "" if own is None else _mark(stats.total.rate, own)])
        _fill(self.groups, rows)
        show_all_rows(self.groups)
        _fill(self.villages, [self._line(v) for v in stats.villages])
        staff_target, _ = stats.staff_target
        _fill(self.workplaces, [[w.name, vn_int(w.staff_on_register), vn_int(w.recognized), vn_percent(w.rate),
                                 _mark(w.rate, staff_target)] for w in stats.workplaces])
        notes = ["Tỉ lệ = số được công nhận / tổng số người lớn trong nhóm, như báo cáo của tỉnh; tỉ lệ trên số đăng ký "
                 "= số được công nhận / số đã đăng ký (trừ người rút tên)."]
        if any(g.from_register for g in stats.groups):
            notes.append("(theo sổ): chưa nhập số người lớn của nhóm nên tính trên số người có trong sổ.")
        notes.append(f"Nơi làm việc: {stats.workplace_note()}")
        self.note.setText(" ".join(notes))
        self._chart(stats)
        figures = self._register.model_stats.compute(self.year)
        self.model_figures = figures
        _fill(self.models, [[m.model.title, vn_int(m.recognized), vn_int(m.total), vn_percent(m.rate),
                             vn_int(m.registered), vn_percent(m.rate_of_registered), _mark(m.rate, m.target_2025),
                             "" if m.target_2030 is None else _mark(m.rate, m.target_2030)]
                            for m in figures.models.values()])
        show_all_rows(self.models)
        rows = figures.measure_rows()
        _fill(self.measures, [[r.label, vn_int(r.count), vn_int(r.of), vn_percent(r.rate), _mark(r.rate, r.target_2025),
                               _mark(r.rate, r.target_2030)] for r in rows])
        show_all_rows(self.measures)
        self.measures_note.setText("Cách tính: " + "; ".join(f"{r.label.lower()}: trên {r.denominator}" for r in rows)
                                   + ".")

    @staticmethod
    def _line(line: Line) -> list[str]:
        total = vn_int(line.adults) + (" (theo sổ)" if line.from_register else "")
        return [line.label, vn_int(line.recognized), total, vn_percent(line.rate), vn_int(line.registered),
                vn_int(line.assessed), vn_percent(line.rate_of_registered)]

    def _chart(self, stats: YearStats) -> None:
        chart = QChart()
        chart.setTitle(f"Tỉ lệ được công nhận năm {stats.year} so với mục tiêu (%)")
        rate = QBarSet("Tỉ lệ được công nhận")
        rate.append([round((g.rate or 0) * 100, 1) for g in stats.groups] + [round((stats.total.rate or 0) * 100, 1)])
        series = QBarSeries()
        series.append(rate)
        for milestone in (2025, 2030):
            target = QBarSet(f"Mục tiêu {milestone}")
            kinds = [g.target_kind for g in stats.groups]
            target.append([stats.targets[milestone][k] for k in kinds] + [stats.targets[milestone]["adults"]])
            series.append(target)
        if stats.own_target_percent:
            own = QBarSet("Chỉ tiêu đơn vị")
            own.append([stats.own_target_percent] * (len(stats.groups) + 1))
            series.append(own)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([g.label.split(",")[0] for g in stats.groups] + ["Toàn xã"])  # short enough to read
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d%%")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setChart(chart)


def _target(g: GroupLine, stats: YearStats, milestone: int) -> str:
    return _mark(g.rate, stats.targets[milestone][g.target_kind])


def _mark(rate: float | None, percent: int) -> str:
    reached = rate is not None and rate * 100 >= percent
    return f"{percent}% — {'đạt' if reached else 'chưa đạt'}"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
