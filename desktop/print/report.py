"""The year's statistics report: the province-style table per group, a bar chart against the targets,
and the table per village."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop.domain.numbers import vn_int, vn_percent
from desktop.print.data import StatsLine, StatsReportData
from desktop.print.fonts import SERIF
from desktop.print.lists import CARRIED
from desktop.print.page import (
    ADMIN_MARGINS,
    PageMark,
    admin_header,
    build_closing_with_rows,
    closing,
    frame_width,
    grid_table,
    para,
    signature_block,
    style,
)

WIDTH = frame_width(ADMIN_MARGINS)
COLOURS = [colors.HexColor("#1f77b4"), colors.HexColor("#8bc34a"), colors.HexColor("#ff9800"),
           colors.HexColor("#9c27b0")]


def _line(x: StatsLine) -> list[object]:
    return [para(x.label, style("rl", size=10.5, leading=12.5)), vn_int(x.recognized),
            vn_int(x.total) + (" *" if x.from_register else ""), vn_percent(x.rate), vn_int(x.registered),
            vn_int(x.assessed), vn_percent(x.recognized / x.registered if x.registered else None)]


def _chart(data: StatsReportData) -> Drawing:
    d = Drawing(WIDTH, 75 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 16 * mm, WIDTH - 20 * mm, 50 * mm
    series = [[round((g.rate or 0) * 100, 1) for g in data.groups] + [round((data.total.rate or 0) * 100, 1)]]
    names = ["Tỉ lệ được công nhận"]
    for milestone in (2025, 2030):
        series.append([data.targets[milestone][k] for k in data.target_kinds] + [data.targets[milestone]["adults"]])
        names.append(f"Mục tiêu {milestone}")
    if data.own_target_percent:
        series.append([data.own_target_percent] * (len(data.groups) + 1))
        names.append("Chỉ tiêu đơn vị")
    chart.data = series
    chart.categoryAxis.categoryNames = [g.label.split(",")[0] for g in data.groups] + ["Toàn xã"]
    chart.categoryAxis.labels.fontName = SERIF
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = SERIF
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = SERIF
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 5
    for i, colour in enumerate(COLOURS[:len(series)]):
        chart.bars[i].fillColor = colour
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = 12 * mm, 6 * mm, SERIF, 9
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 75
    legend.colorNamePairs = list(zip(COLOURS, names, strict=False))
    d.add(chart)
    d.add(legend)
    d.add(String(WIDTH / 2, 70 * mm, "Tỉ lệ được công nhận so với mục tiêu (%)", fontName=SERIF + "-Bold",
                 fontSize=11, textAnchor="middle"))
    return d


def stats_report(data: StatsReportData) -> bytes:
    title = style("rt", size=14, align=TA_CENTER, bold=True, leading=18)
    heading = style("rh", size=13, bold=True, space_after=4)
    note = style("rn", size=11, italic=True)
    issuer = data.office.issued_by()
    header = ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký", "Đã chấm điểm",
              "Tỉ lệ trên số đăng ký"]
    widths = [WIDTH - 6 * 19 * mm, *[19 * mm] * 6]
    groups = grid_table([header, *[_line(g) for g in data.groups], _line(data.total)], widths, size=10.5,
                        right_columns=(1, 2, 3, 4, 5, 6))
    villages = grid_table([["Thôn, khu phố", *header[1:]], *[_line(v) for v in data.villages]], widths, size=10.5,
                          right_columns=(1, 2, 3, 4, 5, 6))
    targets = "; ".join(f"đến {m}: {t['adults']}% người lớn, {t['officials']}% cán bộ, công chức, viên chức"
                        for m, t in data.targets.items())
    # the number is written in by hand when the report is sent (văn thư gives it), as on paper
    number = "\u00a0" * 10 + f"/BC-{issuer.body.suffix}"

    def story(carry: bool, seen: dict[str, int]) -> list[Flowable]:
        return [
            admin_header(data.office, number, data.made_on, WIDTH), Spacer(1, 8 * mm),
            para("BÁO CÁO", title), para(f"Kết quả xây dựng mô hình “Công dân học tập” năm {data.year}", title),
            Spacer(1, 6 * mm), para("1. Kết quả theo nhóm đối tượng", heading), groups, Spacer(1, 2 * mm),
            para(f"Mục tiêu của Chương trình (Quyết định 677/QĐ-TTg): {targets}."
                 + (f" Chỉ tiêu của đơn vị: {data.own_target_percent}%." if data.own_target_percent else ""), note),
            *[para(n, note) for n in data.notes], Spacer(1, 3 * mm), _chart(data), Spacer(1, 3 * mm),
            para("2. Kết quả theo thôn, khu phố", heading), villages, Spacer(1, 4 * mm),
            para("3. Cán bộ, công chức, viên chức theo nơi làm việc", heading),
            *_workplaces(data, carry, seen), Spacer(1, 4 * mm),
            *_models(data, heading, note), Spacer(1, 8 * mm),
            closing([f"- {data.office.upper};", "- Lưu: VT."],
                    signature_block(issuer.signature_lines(), data.office.signer_name)),
            PageMark("signed", seen)]

    return build_closing_with_rows(story, f"Báo cáo Công dân học tập năm {data.year}")


def _models(data: StatsReportData, heading, note) -> list[Flowable]:  # noqa: ANN001 - paragraph styles
    """The learning models (387) and 677's own rates, with what each rate is counted over."""
    if not data.models:
        return []
    cell = style("rm", size=10.5, leading=12.5)
    models = grid_table(
        [["Mô hình", "Được công nhận", "Tổng số", "Tỉ lệ", "Đã đăng ký", "Mục tiêu 2025", "Chỉ tiêu 2030"],
         *[[para(m.title, cell), vn_int(m.recognized), vn_int(m.total),
            vn_percent(m.recognized / m.total if m.total else None), vn_int(m.registered), f"{m.target_2025}%",
            f"{m.target_2030}%" if m.target_2030 else "–"] for m in data.models]],
        [WIDTH - 6 * 19 * mm, *[19 * mm] * 6], size=10.5, right_columns=(1, 2, 3, 4, 5, 6))
    measures = grid_table(
        [["Theo Quyết định 677/QĐ-TTg", "Số người", "Trên tổng số", "Tỉ lệ", "Mục tiêu 2025", "Mục tiêu 2030"],
         *[[para(x.label, cell), vn_int(x.count), vn_int(x.of), vn_percent(x.count / x.of if x.of else None),
            f"{x.target_2025}%", f"{x.target_2030}%"] for x in data.measures]],
        [WIDTH - 5 * 21 * mm, *[21 * mm] * 5], size=10.5, right_columns=(1, 2, 3, 4, 5))
    over = "; ".join(f"{x.label.lower()}: trên {x.denominator}" for x in data.measures)
    return [para("4. Các mô hình học tập (Chương trình 387) và các tỉ lệ theo Quyết định 677", heading), models,
            Spacer(1, 3 * mm), measures, Spacer(1, 2 * mm), para(f"Cách tính: {over}.", note)]


def _workplaces(data: StatsReportData, carry: bool, seen: dict[str, int]) -> list[Flowable]:
    if not data.workplaces:
        return [para("Chưa có cán bộ, công chức, viên chức nào ghi nơi làm việc trong sổ.",
                     style("rw", size=12, italic=True)), PageMark("rows", seen)]
    cell = style("rc", size=10.5, leading=12.5)
    rows = [[para(w.name, cell), vn_int(w.on_register), vn_int(w.recognized), vn_percent(w.rate),
             "Đạt" if w.meets_target else "Chưa đạt"] for w in data.workplaces]
    header = ["Nơi làm việc", "Trong sổ", "Được công nhận", "Tỉ lệ", f"Chỉ tiêu {data.staff_target_percent}%"]
    widths = [WIDTH - 4 * 24 * mm, 24 * mm, 24 * mm, 24 * mm, 24 * mm]

    def table(part: list[list[object]]) -> Flowable:
        return grid_table([header, *part], widths, size=10.5, right_columns=(1, 2, 3))

    notes = [para(data.workplace_note, style("ru", size=11, italic=True))] if data.workplace_note else []
    if carry and len(rows) > CARRIED:
        return [table(rows[:-CARRIED]), PageBreak(), table(rows[-CARRIED:]), PageMark("rows", seen), *notes]
    return [table(rows), PageMark("rows", seen), *notes]
